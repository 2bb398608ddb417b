import { describe, expect, it } from 'vitest';
import { firstNameAndInitial } from './names.js';

describe('firstNameAndInitial', () => {
  it('keeps the first name and the last name’s first letter', () => {
    expect(firstNameAndInitial('Mia Member')).toBe('Mia M.');
    expect(firstNameAndInitial('  Jean  Paul   Éluard ')).toBe('Jean É.');
    expect(firstNameAndInitial('Noah van der berg')).toBe('Noah B.');
    expect(firstNameAndInitial('Cher')).toBe('Cher');
    expect(firstNameAndInitial('   ')).toBe('');
  });
});
