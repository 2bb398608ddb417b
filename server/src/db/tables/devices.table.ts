import type { Selectable } from 'kysely';

/**
 * The devices that pushed to a club and the names people gave them
 * (migration 2026_12_05_0013_device_names): one row per `client_id`, its
 * name as last sent. Records (sign-ups, check-ins, the mutation log) keep
 * the label they were made with; lists show the device's current name.
 */
export interface DevicesTable {
  club_id: string;
  client_id: string;
  name: string;
  /** Who pushed from it last (null once the membership is gone from the log's view). */
  member_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

export type DeviceRow = Selectable<DevicesTable>;
