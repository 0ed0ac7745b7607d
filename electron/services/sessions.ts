import QRCode from 'qrcode';
import type { ArchiveStatus, SessionUser } from '../../shared/ipc/contract.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { Role } from '../../shared/domain/roles.js';
import type { SecurityPolicy } from '../../shared/domain/security-policy.js';
import { addUser, type ArchiveSession, changePassword, createArchive, openArchive, removeUser, setPolicy } from '../archive/archive.js';
import { folderState, readManifest } from '../archive/manifest.js';
import type { User } from '../archive/users.js';
import type { EventHub } from '../ipc/router.js';

/**
 * The one signed-in session of this app instance (desktop window, browser host or CLI run).
 * An idle session locks: the database closes and the key leaves memory; signing in again
 * reopens it.
 */
/** Work that lives as long as an open archive: started after sign-in, stopped before the key is dropped. */
export interface SessionService {
  opened(session: ArchiveSession): Promise<void>;
  closing(): Promise<void>;
}

export class SessionManager {
  private session: ArchiveSession | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly services: SessionService[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly hub: EventHub,
  ) {}

  status(): ArchiveStatus {
    if (this.session) return { state: 'open', user: toSessionUser(this.session.user) };
    const state = folderState(this.dataDir);
    if (state === 'missing' || state === 'empty') return { state: 'none' };
    try {
      readManifest(this.dataDir);
      return { state: 'locked' };
    } catch (error) {
      return { state: 'unavailable', reason: error instanceof DossierError ? error.code : 'INTERNAL' };
    }
  }

  async create(input: { username: string; displayName: string; password: string; branchName: string }) {
    await this.end('signOut');
    const created = await createArchive(this.dataDir, input);
    await this.begin(created.session);
    const qrSvg = await QRCode.toString(created.sqlcipherPragma, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { user: toSessionUser(created.session.user), recoveryKey: created.recoveryKey, sqlcipherPragma: created.sqlcipherPragma, qrSvg };
  }

  async signIn(username: string, password: string): Promise<SessionUser> {
    await this.end('signOut');
    await this.begin(await openArchive(this.dataDir, username, password));
    return toSessionUser(this.session!.user);
  }

  signOut(): Promise<void> {
    return this.end('signOut');
  }

  /** The open session, or the reason there is none. */
  current(): ArchiveSession {
    if (this.session) return this.session;
    throw new DossierError(this.status().state === 'none' ? 'NO_ARCHIVE' : 'ARCHIVE_LOCKED');
  }

  /** Any accepted call from the user's window counts as activity. */
  touch(): void {
    if (!this.session) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const minutes = this.session.policy.idleLockMinutes;
    if (minutes > 0) {
      this.idleTimer = setTimeout(() => void this.end('idle'), minutes * 60_000);
      this.idleTimer.unref();
    }
  }

  async listUsers() {
    const session = this.current();
    return (await session.db.call('users.list', { actorId: session.user.id })).map((u) => ({ ...toSessionUser(u), createdAt: u.createdAt, removedAt: u.removedAt }));
  }

  async addUser(input: { username: string; displayName: string; role: Role; password: string }): Promise<SessionUser> {
    return toSessionUser(await addUser(this.current(), input));
  }

  removeUser(userId: string): Promise<void> {
    return removeUser(this.current(), userId);
  }

  changePassword(userId: string, password: string): Promise<void> {
    return changePassword(this.current(), userId, password);
  }

  policy(): SecurityPolicy {
    return this.current().policy;
  }

  async setPolicy(changes: Partial<SecurityPolicy>): Promise<SecurityPolicy> {
    const policy = await setPolicy(this.current(), changes);
    this.touch();
    return policy;
  }

  attach(service: SessionService): void {
    this.services.push(service);
  }

  private async begin(session: ArchiveSession): Promise<void> {
    this.session = session;
    for (const service of this.services) await service.opened(session);
    this.touch();
    this.hub.emit('session.changed', this.status());
  }

  private async end(reason: 'idle' | 'signOut'): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const service of this.services) await service.closing();
    await session.db
      .call('audit.append', { actorId: session.user.id, branchId: session.user.branchId, action: reason === 'idle' ? 'session.idleLock' : 'session.signOut', outcome: 'success' })
      .finally(() => session.close());
    this.hub.emit('session.changed', { ...this.status(), lockedBecause: reason });
  }
}

function toSessionUser(user: User): SessionUser {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, branchId: user.branchId };
}
