import type { EntityClass } from '../entity-class';
import { MatchExclusion } from './match-exclusion.entity';
import { MatchProposal } from './match-proposal.entity';

export const MATCHING_ENTITIES: readonly EntityClass[] = [MatchExclusion, MatchProposal];
