import {
  judgeMutation,
  type CommandContext,
  type Decision,
  type Effects,
  type MutationArgs,
  type MutationName,
} from '@turnout/shared';
import type { Statements } from '../../db/statements.js';
import { nextVersion, writeEffects } from '../../repositories/domain.repository.js';
import { ClubBatch, type BatchFactsMaker } from '../../sync/club-batch.js';

/** A mutation of the batch, its args validated. */
export interface BatchMutation {
  id: string;
  name: MutationName;
  args: MutationArgs<MutationName>;
  /** The sender's member id. */
  memberId: string;
}

/**
 * The server's side of one push batch: the very `ClubBatch` push judges
 * with (server/src/sync/club-batch.ts), without the parts of push that are
 * not about facts (the mutation log, authentication, savepoints). Call
 * inside a transaction, as push does.
 */
export class ServerBatch extends ClubBatch {
  #version: number | undefined;

  constructor(
    private readonly st: Statements,
    private readonly clubId: string,
    make?: BatchFactsMaker,
  ) {
    super(st, clubId, make);
  }

  /** What push's `Batch.load` reads ahead, each mutation for its own sender. */
  load(mutations: readonly BatchMutation[]): void {
    this.readAhead(
      mutations.map(({ name, args, memberId }) => ({ name, args, senderId: memberId })),
    );
  }

  judge(ctx: CommandContext, mutation: BatchMutation): Decision {
    return judgeMutation(this.facts, ctx, mutation.name, mutation.args);
  }

  /** Writes an applied decision with the server's writer and tells the batch's caches, as push does. */
  write(mutationId: string, effects: Effects): void {
    this.#version ??= nextVersion(this.st);
    writeEffects(this.st, this.clubId, effects, this.#version, mutationId, this.stored);
    this.written(effects);
  }
}
