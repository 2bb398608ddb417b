import { SvelteMap } from 'svelte/reactivity';
import { v7 } from 'uuid';
import type {
  ErrorCode,
  Explanation,
  Flag,
  MutationArgsInput,
  MutationName,
  Role,
} from '@turnout/shared';
import type { AttentionEntry, OutboxEntry, TurnoutDb } from '$lib/db/database';
import { deviceDb } from '$lib/db';
import { correctedNow, deviceMeta, enqueue, pendingOf, renameDevice } from '$lib/db/outbox';
import { applyLocally, rebase, type LocalOutcome } from '@turnout/shared';
import type { Poke, Replica } from '@turnout/shared';
import {
  clubMeta,
  loadReplica,
  pullChanges,
  pushOutbox,
  takeCounts,
  type SyncFailure,
  type SyncTransport,
} from '$lib/sync/engine';
import { yieldToBrowser } from '$lib/tasks';
import { SyncScheduler, type SyncReason } from '$lib/sync/scheduler';

/** The server's answer to a submitted change. */
export type ServerOutcome =
  | { status: 'applied'; flags: Flag[] }
  | { status: 'rejected'; code: ErrorCode; message: string; explanation?: Explanation | null }
  | { status: 'queued' };

/** How a change was judged on this device, and the id it is queued (and answered) under. */
export type ActOutcome = LocalOutcome & { id: string };

/** Whom the store acts for in one club. */
export interface ClubSeat {
  clubId: string;
  memberId: string;
  role: Role;
}

interface ClubStoreOptions {
  db?: TurnoutDb;
  transport: SyncTransport;
  /** Live pokes from the server (null: the stream broke); returns a function that stops listening. */
  listen?: (clubId: string, onPoke: (poke: Poke | null) => void) => () => void;
  debounceMs?: number;
}

const broadcastName = 'turnout-store';

/** A change waiting for the server: in the outbox, or on its way there. */
type PendingEntry = Omit<OutboxEntry, 'seq'>;

const deviceNamedKey = 'turnout.deviceNamed';

/** Whether this device had a chosen name when last seen (the store's copy says for sure). */
function rememberedDeviceNamed(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(deviceNamedKey) === '1';
  } catch {
    return false;
  }
}

function rememberDeviceNamed(named: boolean): void {
  try {
    if (typeof localStorage !== 'undefined')
      localStorage.setItem(deviceNamedKey, named ? '1' : '0');
  } catch {
    // Private mode or full storage: the line may then appear a moment late, nothing more.
  }
}

/** A User Timing measure from `start` to just after the next frame has been painted. */
function measureWhenPainted(name: string, start: number): void {
  if (typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() => setTimeout(() => performance.measure(name, { start }), 0));
}

/**
 * One club on this device, as the screens see it: the pulled rows with the
 * outbox applied on top through the shared rules (`view`), the outbox and
 * needs-attention lists, and the sync status. `revision` changes whenever
 * `view` does, so screens derive from it.
 */
export class ClubStore {
  revision = $state(0);
  loaded = $state(false);
  syncing = $state(false);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /**
   * This person's changes not yet answered by the server, in the order made.
   * Raw: replaced whole, never mutated in place (a deep proxy made queueing O(outbox)).
   */
  pending = $state.raw<PendingEntry[]>([]);
  attention = $state.raw<AttentionEntry[]>([]);
  lastSyncedAt = $state<string | null>(null);
  failure = $state<SyncFailure | null>(null);
  /** When the next try after a failure is due (epoch ms); null when none waits. */
  retryAt = $state<number | null>(null);
  needsLogin = $state(false);
  /** The latest local judgement of each pending mutation. */
  readonly outcomes = new SvelteMap<string, LocalOutcome>();
  /** This device's name as it goes with every push ("Front desk tablet"). */
  deviceLabel = $state<string | null>(null);
  /**
   * Someone chose the name (it is not the made-up "Browser on …"). Known before the
   * store opens from the last value seen (localStorage), so a host's status line has its
   * final shape at the first paint instead of growing a row once IndexedDB answers.
   */
  deviceNamed = $state(rememberedDeviceNamed());

  /** Changes shown and being written to the outbox (not yet committed there): a few at most. */
  #unstored: PendingEntry[] = [];
  #view: Replica | null = null;
  #base: Replica | null = null;
  /** The cursor the in-memory base was last brought to; another tab may have moved the store's. */
  #baseCursor: string | null = null;
  readonly #db: TurnoutDb;
  readonly #scheduler: SyncScheduler;
  #deviceLabel: string | null = null;
  #clockOffsetMs = 0;
  #stopListening: (() => void) | undefined;
  #channel: BroadcastChannel | undefined;
  /** Store reloads and sync runs of this tab, one after the other. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #onOnline = () => (this.online = true);
  readonly #onOffline = () => (this.online = false);
  /** The browser's last known connection state, checked by `#watchConnection`. */
  #browserOnline = true;
  #connectionWatch: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly seat: ClubSeat,
    private readonly options: ClubStoreOptions,
  ) {
    this.#db = options.db ?? deviceDb();
    this.#scheduler = new SyncScheduler(() => this.#exclusive(() => this.#cycle()), {
      lockName: `turnout-sync:${seat.clubId}`,
      debounceMs: options.debounceMs,
      onOutcome: (outcome) => {
        this.failure = outcome.ok ? null : outcome.failure;
        this.retryAt =
          outcome.ok || outcome.retryInMs === null ? null : Date.now() + outcome.retryInMs;
        this.needsLogin = !outcome.ok && outcome.failure.needsLogin;
        if (outcome.ok) this.online = true;
        else if (outcome.failure.code === 'network') this.online = false;
      },
    });
  }

  /** The club with pending changes applied. Read `revision` to react to changes. */
  get view(): Replica | null {
    return this.#view;
  }

  get clubId(): string {
    return this.seat.clubId;
  }

  /** Loads the club from the device, then starts syncing. */
  async open(): Promise<void> {
    const device = await deviceMeta(this.#db);
    this.#deviceLabel = device.deviceLabel;
    this.deviceLabel = device.deviceLabel;
    this.deviceNamed = device.deviceNamed === true;
    rememberDeviceNamed(this.deviceNamed);
    this.#clockOffsetMs = device.clockOffsetMs;
    await this.#reloadFromStore();
    // The screen's first drawing of the club is a task of its own, not the tail of loading it.
    await yieldToBrowser();
    this.loaded = true;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.#onOnline);
      window.addEventListener('offline', this.#onOffline);
      // The events are not always fired (e.g. emulated or flaky networks): check every second too.
      this.#browserOnline = navigator.onLine;
      this.#connectionWatch = setInterval(() => this.#watchConnection(), 1_000);
      void navigator.storage?.persist?.();
    }
    if (typeof BroadcastChannel !== 'undefined') {
      // Another tab of the app changed the store (queued or synced): catch up.
      this.#channel = new BroadcastChannel(broadcastName);
      this.#channel.onmessage = (event: MessageEvent<{ clubId: string }>) => {
        if (event.data.clubId === this.clubId) void this.#exclusive(() => this.#reloadFromStore());
      };
    }
    this.#stopListening = this.options.listen?.(this.clubId, (poke) => this.#poked(poke));
    this.#scheduler.start();
  }

  close(): void {
    this.#scheduler.stop();
    this.#stopListening?.();
    this.#channel?.close();
    clearInterval(this.#connectionWatch);
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.#onOnline);
      window.removeEventListener('offline', this.#onOffline);
    }
  }

  #watchConnection(): void {
    const now = navigator.onLine;
    if (now === this.#browserOnline) return;
    this.#browserOnline = now;
    if (now) this.request('online');
    else this.online = false;
  }

  request(reason: SyncReason): void {
    this.#scheduler.request(reason);
  }

  /** After logging in again: the paused outbox is sent. */
  resume(): void {
    this.needsLogin = false;
    this.#scheduler.resume();
  }

  /** Resolves once the current sync (if any) has finished. */
  idle(): Promise<void> {
    return this.#scheduler.idle();
  }

  /**
   * Does something: judged at once on this device by the shared rules. A
   * refusal is returned and nothing is queued. Otherwise the change is shown
   * at once, written to the outbox (resolved once stored there) and sent
   * shortly. Should the write fail (e.g. storage full), the change is taken
   * off the screen again and the error thrown: nothing shows as done that
   * is not kept.
   */
  async act<N extends MutationName>(name: N, args: MutationArgsInput<N>): Promise<ActOutcome> {
    const view = this.#view;
    if (!view) throw new Error('The club is not loaded yet');
    // User Timing, read by the benchmark: `turnout:queue` from the tap to the change on screen
    // (the frame that paints it), `turnout:queue:stored` to the outbox write committed.
    const started = performance.now();
    const entry: PendingEntry = {
      id: v7(),
      clubId: this.clubId,
      memberId: this.seat.memberId,
      name,
      args,
      occurredAt: correctedNow(this.#clockOffsetMs),
    };
    const outcome: ActOutcome = { ...applyLocally(view, this.#judge(), entry), id: entry.id };
    performance.measure('turnout:queue:judge', { start: started });
    if (!outcome.ok) return outcome;
    // The write goes out first; the screen does not wait for it.
    const stored = enqueue(this.#db, { ...entry, name, args });
    this.#unstored = [...this.#unstored, entry];
    this.pending = [...this.pending, entry];
    this.outcomes.set(entry.id, outcome);
    this.revision++;
    measureWhenPainted('turnout:queue', started);
    try {
      await stored;
    } catch (error) {
      this.#unstored = this.#unstored.filter((m) => m.id !== entry.id);
      this.pending = this.pending.filter((p) => p.id !== entry.id);
      this.#rebase();
      throw error;
    }
    this.#unstored = this.#unstored.filter((m) => m.id !== entry.id);
    performance.measure('turnout:queue:stored', { start: started });
    this.#broadcast();
    this.request('mutation');
    return outcome;
  }

  /**
   * Sends a change the server must judge (organizer work whose facts a device
   * does not hold, e.g. resolving a needs-attention item): queued like any
   * other, synced at once, and answered with the server's decision. Offline,
   * it stays queued and the answer is `queued`; it is sent on reconnect and a
   * refusal then lands in needs-attention.
   */
  async submit<N extends MutationName>(
    name: N,
    args: MutationArgsInput<N>,
  ): Promise<ServerOutcome> {
    const entry = await enqueue(this.#db, {
      clubId: this.clubId,
      memberId: this.seat.memberId,
      name,
      args,
      occurredAt: correctedNow(this.#clockOffsetMs),
    });
    this.pending = [...this.pending, entry];
    this.#broadcast();
    this.request('manual');
    await this.#scheduler.idle();
    if (await this.#db.outbox.get(entry.id)) return { status: 'queued' };
    const answer = await this.#db.attention.get(entry.id);
    if (!answer) return { status: 'applied', flags: [] };
    if (answer.status === 'rejected') {
      // The caller shows the refusal where it was asked; it needs no second telling.
      await this.dismiss(answer.id);
      return {
        status: 'rejected',
        code: answer.code ?? 'conflict',
        message: answer.message ?? '',
        explanation: answer.explanation ?? null,
      };
    }
    return { status: 'applied', flags: answer.flags };
  }

  /**
   * Names this device ("Front desk tablet"): kept on the device and sent with
   * the next push, so the server, explanations and the audit use it from then
   * on. Returns false when the name is not one (empty, too long, control characters).
   */
  async renameDevice(name: string): Promise<boolean> {
    const kept = await renameDevice(this.#db, name);
    if (kept === null) return false;
    this.#deviceLabel = kept;
    this.deviceLabel = kept;
    this.deviceNamed = true;
    rememberDeviceNamed(true);
    this.request('manual');
    return true;
  }

  async dismiss(id: string): Promise<void> {
    await this.#db.attention.update(id, { dismissed: 1 });
    this.attention = this.attention.filter((a) => a.id !== id);
    this.#broadcast();
  }

  #judge() {
    return {
      actor: { memberId: this.seat.memberId, role: this.seat.role },
      deviceLabel: this.#deviceLabel,
    };
  }

  /**
   * A poke: pull, unless it says it concerns only other members, and this
   * seat is a member's (who sees others only as counts): then its counts are
   * all there is to take (docs/protocol.md, "Pokes"). On a busy Saturday
   * this spares the server a pull per member's phone per check-in.
   */
  #poked(poke: Poke | null): void {
    const scope = poke?.scope;
    // Ours: the member's own records or their dependants' (a guardian's phone shows both).
    const me = this.seat.memberId;
    const ours = (id: string) => id === me || this.#view?.tables.members.get(id)?.guardianId === me;
    if (scope && this.seat.role === 'member' && !scope.members.some(ours)) {
      void this.#exclusive(async () => {
        if (!this.#base) return;
        await takeCounts(this.#db, this.#base, scope.counts);
        this.#rebase();
        this.#broadcast();
      });
      return;
    }
    this.request('poke');
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #cycle(): Promise<void> {
    if (!this.#base) return;
    this.syncing = true;
    try {
      // Another tab may have synced meanwhile: then start from what the store holds.
      if ((await clubMeta(this.#db, this.clubId)).cursor !== this.#baseCursor) {
        await this.#reloadFromStore();
      }
      await pushOutbox(this.#db, this.options.transport, this.clubId, this.seat.memberId);
      await pullChanges(this.#db, this.options.transport, this.#base!);
      await yieldToBrowser();
      const meta = await clubMeta(this.#db, this.clubId);
      this.#baseCursor = meta.cursor;
      this.lastSyncedAt = meta.lastSyncedAt;
      this.#clockOffsetMs = (await deviceMeta(this.#db)).clockOffsetMs;
      await this.#reloadLists();
      this.#rebase();
      this.#broadcast();
    } finally {
      this.syncing = false;
    }
  }

  async #reloadLists(): Promise<void> {
    const stored = await pendingOf(this.#db, this.clubId, this.seat.memberId);
    // Changes still being written stay shown, after everything stored before them.
    const writing = this.#unstored.filter((m) => !stored.some((s) => s.id === m.id));
    this.pending = [...stored, ...writing];
    this.attention = await this.#db.attention
      .where('[clubId+dismissed]')
      .equals([this.clubId, 0])
      .sortBy('answeredAt');
  }

  async #reloadFromStore(): Promise<void> {
    const meta = await clubMeta(this.#db, this.clubId);
    this.#base = await loadReplica(this.#db, this.clubId);
    this.#baseCursor = meta.cursor;
    this.lastSyncedAt = meta.lastSyncedAt;
    await this.#reloadLists();
    this.#rebase();
  }

  #rebase(): void {
    if (!this.#base) return;
    const { view, outcomes } = rebase(this.#base, this.#judge(), this.pending);
    this.#view = view;
    this.outcomes.clear();
    for (const [id, outcome] of outcomes) this.outcomes.set(id, outcome);
    this.revision++;
  }

  #broadcast(): void {
    this.#channel?.postMessage({ clubId: this.clubId });
  }
}
