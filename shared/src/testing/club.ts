import type { PulledMember } from '../protocol/sync.js';
import type { Role } from '../roles.js';
import type { CommandContext } from '../rules/decision.js';
import type { TrainingType } from '../rules/types.js';
import { defaultClubSettings, type ClubSettings } from '../settings.js';
import type { TimeInput } from '../time/index.js';
import { HOST, MEMBER, OWNER, TZ, uuid } from './ids.js';

/** The judged moment of `aContext`: an hour before the default session starts. */
export const NOW = '2025-03-11T16:00:00.000Z';

const idOfRole: Record<Role, string> = { member: MEMBER, host: HOST, owner: OWNER };

/** The defaults of spec §2 in the club's time zone, with `over` on top. */
export function aClubSettings(over: Partial<ClubSettings> = {}): ClubSettings {
  return { ...defaultClubSettings(TZ), ...over };
}

export interface ContextOverrides {
  role?: Role;
  /** Defaults to the person of the role: MEMBER, HOST or OWNER. */
  memberId?: string;
  now?: TimeInput;
  settings?: Partial<ClubSettings>;
  mutationId?: string;
  deviceLabel?: string | null;
}

/** What a command is judged with: a member by default, at NOW, on 'Test phone'. */
export function aContext(over: ContextOverrides = {}): CommandContext {
  const role = over.role ?? 'member';
  return {
    actor: { role, memberId: over.memberId ?? idOfRole[role] },
    settings: aClubSettings(over.settings),
    now: over.now ?? NOW,
    mutationId: over.mutationId ?? uuid(),
    deviceLabel: over.deviceLabel === undefined ? 'Test phone' : over.deviceLabel,
  };
}

/** A person on the club's member list, as a device pulls it. */
export function aMember(over: Partial<PulledMember> = {}): PulledMember {
  return { memberId: uuid(), name: 'Mia Member', role: 'member', removed: false, ...over };
}

export function aTrainingType(over: Partial<TrainingType> = {}): TrainingType {
  return { id: uuid(), name: 'Yoga', archived: false, ...over };
}
