import type { ProgrammeSettings, PseudonymKind } from '@app/domain';
import type { DataSource } from 'typeorm';
import type { Transform, Writable } from 'node:stream';
import { dictionaryTable, type DataDictionaryTable, type ExportTable } from './export-columns';
import type { ExportContext, ExportDefinition, ExportQuery } from './export-context';
import type { ExportFilters } from './export-filters';
import type { ExportRunKind } from './export-run.entity';
import { streamCsv, writeCsv, type CsvStreamResult, type CursorConnection } from './csv-export.stream';
import { GOALS_EXPORT, GOALS_TABLE } from './goals.export';
import { LINK_UPS_EXPORT, LINK_UPS_TABLE } from './link-ups.export';
import { OUTCOME_MEASURES_EXPORT, OUTCOME_MEASURES_TABLE } from './outcome-measures.export';

/** The record-level exports, by the name their route and file carry. */
export const EXPORT_NAMES = ['link-ups', 'goals', 'outcome-measures'] as const;
export type ExportName = (typeof EXPORT_NAMES)[number];

export interface StreamRequest {
  readonly dataSource: DataSource;
  readonly filters: ExportFilters;
  readonly at: Date;
  readonly pseudonym: (kind: PseudonymKind, internalId: string) => string;
  readonly sink: Writable;
  readonly bom: boolean;
  readonly batchSize?: number;
  readonly maxDurationMs?: number;
}

/** What the engine needs to write one export's CSV without its bookkeeping (the export worker). */
export interface WriteRequest {
  readonly connect: () => Promise<CursorConnection>;
  readonly filters: ExportFilters;
  readonly at: Date;
  readonly pseudonym: (kind: PseudonymKind, internalId: string) => string;
  readonly through?: readonly Transform[];
  readonly sink: Writable;
  readonly bom: boolean;
  readonly batchSize?: number;
  readonly maxDurationMs?: number;
  readonly signal?: AbortSignal;
  readonly onCursorOpen?: () => void;
}

/** One export with its types erased: what the service runs and the dictionary lists. */
export interface RegisteredExport {
  readonly name: ExportName;
  readonly kind: ExportRunKind;
  dictionary(settings: ProgrammeSettings): DataDictionaryTable;
  /**
   * The export's SELECT and its parameters (the benchmark runs it through COPY as well). `at` is not
   * used: consent is read in the database snapshot the SELECT runs in.
   */
  query(filters: ExportFilters, at?: Date): ExportQuery;
  stream(request: StreamRequest): Promise<CsvStreamResult>;
  /** The same CSV bytes through `writeCsv` (no counting unless `through` counts). */
  write(request: WriteRequest): Promise<void>;
}

function register<Source, Row>(
  name: ExportName,
  kind: ExportRunKind,
  definition: ExportDefinition<Source, Row>,
  table: ExportTable<Row>,
): RegisteredExport {
  return {
    name,
    kind,
    dictionary: (settings) => dictionaryTable(table, settings),
    query: (filters) => definition.query(filters),
    stream(request) {
      const context: ExportContext = { at: request.at, pseudonym: request.pseudonym };
      return streamCsv<Source, Row>({
        dataSource: request.dataSource,
        query: definition.query(request.filters),
        prepare: (source) => definition.prepare(source, context),
        table,
        sink: request.sink,
        at: request.at,
        bom: request.bom,
        batchSize: request.batchSize,
        maxDurationMs: request.maxDurationMs,
      });
    },
    write(request) {
      const context: ExportContext = { at: request.at, pseudonym: request.pseudonym };
      return writeCsv<Source, Row>({
        connect: request.connect,
        query: definition.query(request.filters),
        prepare: (source) => definition.prepare(source, context),
        table,
        through: request.through ?? [],
        sink: request.sink,
        at: request.at,
        bom: request.bom,
        batchSize: request.batchSize,
        maxDurationMs: request.maxDurationMs,
        signal: request.signal,
        onCursorOpen: request.onCursorOpen,
      });
    },
  };
}

export const EXPORTS: Readonly<Record<ExportName, RegisteredExport>> = {
  'link-ups': register('link-ups', 'link_ups', LINK_UPS_EXPORT, LINK_UPS_TABLE),
  goals: register('goals', 'goals', GOALS_EXPORT, GOALS_TABLE),
  'outcome-measures': register(
    'outcome-measures',
    'outcome_measures',
    OUTCOME_MEASURES_EXPORT,
    OUTCOME_MEASURES_TABLE,
  ),
};

/** Every record-level table, for tests and the dictionary (typed rows, before erasure). */
export const EXPORT_TABLES: readonly ExportTable<never>[] = [
  LINK_UPS_TABLE,
  GOALS_TABLE,
  OUTCOME_MEASURES_TABLE,
];
