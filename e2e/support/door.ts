import { webcrypto } from 'node:crypto';
import {
  codeMessage,
  compressPoint,
  phoneCode,
  readPhoneCert,
  stepAt,
  toBase64Url,
} from '@turnout/shared';
import type { Person } from './club';

/**
 * A member's phone made in the test process, as the app makes it: a
 * WebCrypto key pair, its public key certified by the club (`door.certify`
 * as that person), codes signed with it for any moment.
 */
export async function certifiedPhone(person: Person, clubId: string) {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
  ]);
  const raw = new Uint8Array(await webcrypto.subtle.exportKey('raw', keys.publicKey));
  const { cert } = await person.api.mutate<{ cert: string }>('door.certify', {
    clubId,
    deviceKey: toBase64Url(compressPoint(raw)),
  });
  const bytes = readPhoneCert(cert)!.bytes;
  return {
    async codeAt(at: Date): Promise<string> {
      const step = stepAt(at.getTime());
      const signature = await webcrypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        keys.privateKey,
        codeMessage(bytes, step),
      );
      return phoneCode(bytes, step, new Uint8Array(signature));
    },
  };
}
