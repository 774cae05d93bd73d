import {
  applySettingsPatch,
  DEFAULT_PROGRAMME_SETTINGS,
  withDefaults,
  type ProgrammeSettings,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, DomainError, isUniqueViolation } from '../errors';
import { ProgrammeSettingsVersion } from './programme-settings-version.entity';

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

@Injectable()
export class ProgrammeSettingsService {
  private cached: { value: CurrentSettings; expiresAt: number } | null = null;
  /** Bumped by every change in this process: a read that began before a change cannot cache its (older) result. */
  private generation = 0;

  constructor(
    @InjectRepository(ProgrammeSettingsVersion)
    private readonly versions: Repository<ProgrammeSettingsVersion>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The settings every feature reads (cached per process, see SETTINGS_CACHE_TTL_MS). */
  async currentSettings(): Promise<ProgrammeSettings> {
    return (await this.readSettings()).settings;
  }

  async readSettings(): Promise<CurrentSettings> {
    if (this.cached !== null && this.cached.expiresAt > Date.now()) return this.cached.value; // duration
    const generation = this.generation;
    const value = await this.loadLatest();
    if (
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
      await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(ProgrammeSettingsVersion);
        await repository.insert(
          repository.create({
            version: nextVersion,
            document: result.settings,
            updatedBy: caller.actor.id,
          }),
        );
        await this.audit.record(
          {
            actor: caller.actor,
            requestId: caller.requestId,
            action: 'settings.changed',
            entityType: 'programme_settings',
            entityId: String(nextVersion),
            details: { fromVersion: current.version, toVersion: nextVersion, fields: paths.slice(0, 100) },
          },
          manager,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const latest = await this.loadLatest();
        throw CommonErrors.versionConflict('The programme settings', input.version, latest.version);
      }
      throw error;
    }
    this.generation += 1;
    this.cached = null;
    return this.readSettings();
  }

  async listVersions(limit: number): Promise<SettingsVersionSummary[]> {
    return this.versions.find({
      select: { version: true, updatedAt: true, updatedBy: true },
      order: { version: 'DESC' },
      take: limit,
    });
  }

  private async loadLatest(): Promise<CurrentSettings> {
    const [latest] = await this.versions.find({ order: { version: 'DESC' }, take: 1 });
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
}
