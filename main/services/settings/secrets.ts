import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../workspace/atomic';

/** Encrypts secrets at rest where the OS offers it (Electron's safeStorage). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * API keys and tokens, kept in `<configDir>/secrets.json` with mode 0600, encrypted when a
 * cipher is available. Values are never sent to the renderer: it can only set them.
 */
export class SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher?: SecretCipher,
  ) {}

  private async readAll(): Promise<Record<string, { enc: boolean; value: string }>> {
    try {
      return JSON.parse(await fsp.readFile(this.file, 'utf8')) as Record<string, { enc: boolean; value: string }>;
    } catch {
      return {};
    }
  }

  async get(name: string): Promise<string | undefined> {
    const entry = (await this.readAll())[name];
    if (!entry) return undefined;
    if (!entry.enc) return entry.value;
    if (!this.cipher) return undefined; // encrypted by the desktop app: not readable here
    return this.cipher.decrypt(Buffer.from(entry.value, 'base64'));
  }

  async set(name: string, value: string | null): Promise<void> {
    const all = await this.readAll();
    if (value === null) delete all[name];
    else all[name] = this.cipher ? { enc: true, value: this.cipher.encrypt(value).toString('base64') } : { enc: false, value };
    await fsp.mkdir(path.dirname(this.file), { recursive: true });
    await writeAtomic(this.file, Buffer.from(JSON.stringify(all, null, 2)));
    await fsp.chmod(this.file, 0o600);
  }

  async has(name: string): Promise<boolean> {
    return (await this.readAll())[name] !== undefined;
  }
}
