import { randomUUID } from 'node:crypto';
import type { MutationArgsInput, MutationName, PushResult } from '@turnout/shared';
import { v7 } from 'uuid';
import type { TestClient } from './harness.js';

export interface QueuedMutation {
  id: string;
  clientId: string;
  seq: number;
  name: string;
  args: Record<string, unknown>;
  occurredAt: string;
}

/**
 * An installed app: its own client id and seq counter and an outbox, pushing
 * as the logged-in account of `client`.
 */
export class Device {
  readonly outbox: QueuedMutation[] = [];
  #seq = 0;

  constructor(
    readonly client: TestClient,
    readonly clubId: string,
    readonly label?: string,
    /** The same device again (e.g. after a restart): mutations name the device that made them. */
    readonly clientId: string = randomUUID(),
  ) {}

  queue<N extends MutationName>(
    name: N,
    args: MutationArgsInput<N>,
    occurredAt: Date | string = new Date(),
  ): QueuedMutation {
    const mutation = {
      id: v7(),
      clientId: this.clientId,
      seq: this.#seq++,
      name,
      args: args as Record<string, unknown>,
      occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
    };
    this.outbox.push(mutation);
    return mutation;
  }

  /** Sends everything queued (keeps the outbox, as a device does until it hears back). */
  async sync(): Promise<PushResult[]> {
    const { results } = await this.client.api.sync.push.mutate({
      clubId: this.clubId,
      clientId: this.clientId,
      ...(this.label ? { deviceLabel: this.label } : {}),
      mutations: this.outbox,
    });
    return results;
  }

  /** Queues one mutation and sends the whole outbox; returns that mutation's result. */
  async send<N extends MutationName>(
    name: N,
    args: MutationArgsInput<N>,
    occurredAt?: Date | string,
  ): Promise<PushResult> {
    const m = this.queue(name, args, occurredAt);
    const results = await this.sync();
    this.outbox.length = 0;
    return results.find((r) => r.id === m.id)!;
  }
}
