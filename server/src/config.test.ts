import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({ INIT_CWD: '/srv/turnout' });
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/turnout/data',
      logLevel: 'info',
      trustProxy: false,
      publicUrl: undefined,
      setupToken: undefined,
      backupHour: 3,
      backupRetentionDays: 14,
    });
    expect(config.webDir).toBe(path.resolve(import.meta.dirname, '../../web/build'));
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/turnout',
      PUBLIC_URL: 'https://club.example.org/',
      TURNOUT_SETUP_TOKEN: 'abcdefgh12',
      LOG_LEVEL: 'debug',
      WEB_DIR: '/opt/web',
      TRUST_PROXY: 'true',
      BACKUP_HOUR: '23',
      BACKUP_RETENTION_DAYS: '30',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/turnout',
      publicUrl: 'https://club.example.org',
      setupToken: 'abcdefgh12',
      logLevel: 'debug',
      webDir: '/opt/web',
      trustProxy: true,
      backupHour: 23,
      backupRetentionDays: 30,
    });
  });

  it('names every invalid variable in one clear error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        PUBLIC_URL: 'club.example.org',
        LOG_LEVEL: 'loud',
        TURNOUT_SETUP_TOKEN: 'short',
        TRUST_PROXY: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/^PORT: must be a number$/m);
    expect(problems.join('\n')).toMatch(/^PUBLIC_URL: must be a full URL/m);
    expect(problems.join('\n')).toMatch(/^LOG_LEVEL: /m);
    expect(problems.join('\n')).toMatch(/^TURNOUT_SETUP_TOKEN: must be at least 8 characters$/m);
    expect(problems.join('\n')).toMatch(/^TRUST_PROXY: must be one of/m);
    expect((error as Error).message).toMatch(/^Invalid configuration:/);
  });

  it('switches daily backups off, and refuses an hour or a retention that makes no sense', () => {
    expect(loadConfig({ BACKUP_HOUR: 'off' }).backupHour).toBeNull();
    expect(loadConfig({ BACKUP_HOUR: '0' }).backupHour).toBe(0);
    for (const hour of ['24', '-1', '3.5', 'night', '']) {
      expect(() => loadConfig({ BACKUP_HOUR: hour }), hour).toThrow(
        /BACKUP_HOUR: must be an hour from 0 to 23, or off/,
      );
    }
    for (const days of ['0', '5000', 'two weeks']) {
      expect(() => loadConfig({ BACKUP_RETENTION_DAYS: days }), days).toThrow(
        /BACKUP_RETENTION_DAYS: must be/,
      );
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535/);
  });

  it('reads the mail server and sender, and refuses one without the other or a wrong scheme', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: undefined });
    expect(
      loadConfig({
        SMTP_URL: 'smtps://club:secret@mail.example.org:465',
        MAIL_FROM: 'Club <c@example.org>',
      }),
    ).toMatchObject({
      smtpUrl: 'smtps://club:secret@mail.example.org:465',
      mailFrom: 'Club <c@example.org>',
    });
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org' })).toThrow(
      /MAIL_FROM: must be set when SMTP_URL is/,
    );
    expect(() =>
      loadConfig({ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'c@example.org' }),
    ).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() =>
      loadConfig({
        SMTP_URL: 'smtp://mail.example.org',
        MAIL_FROM: 'Club <c@example.org>\r\nBcc: x@y.z',
      }),
    ).toThrow(/MAIL_FROM: must be an address/);
    // A sender alone sends nothing: mail is configured by the server.
    expect(loadConfig({ MAIL_FROM: 'c@example.org' }).mailFrom).toBeUndefined();
    expect(loadConfig({}).mailLeaseSeconds).toBe(300);
    expect(loadConfig({ MAIL_LEASE_SECONDS: '20' }).mailLeaseSeconds).toBe(20);
    expect(() => loadConfig({ MAIL_LEASE_SECONDS: '5' })).toThrow(
      /MAIL_LEASE_SECONDS: must be between 10 and 3600/,
    );
  });
});
