import {
  applySettingsPatch,
  DEFAULT_PROGRAMME_SETTINGS,
  withDefaults,
  type ProgrammeSettings,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, DomainError, isUniqueViolation } from '../errors';
import { TransactionContext } from '../transaction';
import type { ProgrammeSettingsVersion } from './programme-settings-version.entity';
import { ProgrammeSettingsRepository } from './programme-settings.repository';

export interface CurrentSettings {
  /** 0 while nothing has been changed: the defaults. */
  readonly version: number;
  readonly settings: ProgrammeSettings;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

export interface SettingsVersionSummary {
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

/**
 * How long a process keeps the settings before reading them again. A change made through this
 * process applies at once; one made through another process (another API instance, the worker)
 * within this many milliseconds. Reading is one primary-key lookup, so the cache only spares the
 * hot paths (every matching or planning call) a round trip.
 */
export const SETTINGS_CACHE_TTL_MS = 5_000;

function changedPaths(before: unknown, after: unknown, path = '', out: string[] = []): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      changedPaths(before[key], after[key], path === '' ? key : `${path}.${key}`, out);
    }
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push(path);
  }
  return out;
}

/**
 * The programme settings, versioned. Reads and writes join the transaction open in this async context
 * (TransactionContext); only reads outside a transaction fill the process's cache, so a change not yet
 * committed is never served to others.
 */
@Injectable()
export class ProgrammeSettingsService {
  private cached: { value: CurrentSettings; expiresAt: number } | null = null;
  /** The transactions (open or done) that wrote a settings version: reads inside them skip the cache. */
  private readonly changedIn = new WeakSet<EntityManager>();
  /** Bumped by every change in this process: a read that began before a change cannot cache its (older) result. */
  private generation = 0;

  constructor(
    private readonly versions: ProgrammeSettingsRepository,
    private readonly transactions: TransactionContext,
    private readonly audit: AuditService,
  ) {}

  /** The settings every feature reads (cached per process, see SETTINGS_CACHE_TTL_MS). */
  async currentSettings(): Promise<ProgrammeSettings> {
    return (await this.readSettings()).settings;
  }

  async readSettings(): Promise<CurrentSettings> {
    // A transaction that changed the settings reads its own version, not what the cache holds.
    const changedHere =
      this.transactions.transaction !== undefined && this.changedIn.has(this.transactions.transaction);
    if (!changedHere && this.cached !== null && this.cached.expiresAt > Date.now()) return this.cached.value; // duration
    const generation = this.generation;
    const value = await this.loadLatest();
    if (
      this.transactions.transaction === undefined &&
      generation === this.generation &&
      (this.cached === null || this.cached.value.version <= value.version)
    ) {
      this.cached = { value, expiresAt: Date.now() + SETTINGS_CACHE_TTL_MS }; // duration
    }
    return value;
  }

  /**
   * Applies a partial document on top of `version`. A stale version is a 409 `VERSION_CONFLICT`; an
   * invalid result a 400 `VALIDATION_FAILED` naming every field. The change is audited with the
   * paths it changed (never their values).
   */
  async changeSettings(
    caller: Caller,
    input: { version: number; changes: unknown },
  ): Promise<CurrentSettings> {
    const current = await this.loadLatest();
    if (current.version !== input.version) {
      throw CommonErrors.versionConflict('The programme settings', input.version, current.version);
    }
    const result = applySettingsPatch(current.settings, input.changes);
    if (!result.ok) {
      const fields = new Map<string, string[]>();
      for (const { field, problem } of result.problems)
        fields.set(field, [...(fields.get(field) ?? []), problem]);
      throw new DomainError(
        'VALIDATION_FAILED',
        'invalid',
        `Please check these settings: ${[...fields.keys()].join(', ')}.`,
        {
          fields: [...fields].map(([field, problems]) => ({
            field: `changes.${field}`.replace(/\.$/, ''),
            problems,
          })),
        },
      );
    }
    const nextVersion = current.version + 1;
    const paths = changedPaths(current.settings, result.settings);
    try {
      await this.transactions.run(async () => {
        this.changedIn.add(this.transactions.manager);
        await this.versions.insert({
          version: nextVersion,
          document: result.settings,
          updatedBy: caller.actor.id,
        });
        await this.audit.record({
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'settings.changed',
          entityType: 'programme_settings',
          entityId: String(nextVersion),
          details: { fromVersion: current.version, toVersion: nextVersion, fields: paths.slice(0, 100) },
        });
        // Joined to a caller's run, the change is everyone's once that run commits: forget the cache then too.
        await this.transactions.afterCommit(() => Promise.resolve(this.forgetCached()));
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const latest = currentOf(await this.versions.latestCommitted());
        throw CommonErrors.versionConflict('The programme settings', input.version, latest.version);
      }
      throw error;
    }
    this.forgetCached();
    return this.readSettings();
  }

  async listVersions(limit: number): Promise<SettingsVersionSummary[]> {
    return this.versions.list(limit);
  }

  private async loadLatest(): Promise<CurrentSettings> {
    return currentOf(await this.versions.latest());
  }

  /** A change was made: reads that began before it cannot cache their (older) result. */
  private forgetCached(): void {
    this.generation += 1;
    this.cached = null;
  }
}

/** The settings of the latest version (the defaults, version 0, when there is none). */
function currentOf(latest: ProgrammeSettingsVersion | undefined): CurrentSettings {
  if (latest === undefined) {
    return { version: 0, settings: DEFAULT_PROGRAMME_SETTINGS, updatedAt: null, updatedBy: null };
  }
  return {
    version: latest.version,
    settings: withDefaults(latest.document),
    updatedAt: latest.updatedAt,
    updatedBy: latest.updatedBy,
  };
}
