import type { GetTogetherKind } from '@app/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LinkUp } from '../link-ups';
import { User } from '../users';

/** The two families' own meeting (DESIGN §3): when, what kind, whether children came along. */
@Entity({ name: 'get_togethers' })
@Index('IDX_get_togethers_link_up_held', ['linkUpId', 'heldOn'])
@Check('CHK_get_togethers_kind', `"kind" IN ('chat', 'fun_activity', 'side_by_side', 'community_connection')`)
export class GetTogether {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => LinkUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_up_id', foreignKeyConstraintName: 'FK_get_togethers_link_up' })
  linkUp?: LinkUp;

  @Column({ name: 'link_up_id', type: 'uuid' })
  linkUpId: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'varchar', length: 24 })
  kind: GetTogetherKind;

  @Column({ name: 'children_involved', type: 'boolean' })
  childrenInvolved: boolean;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_get_togethers_recorded_by' })
  recorder?: User;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'recorded_by_role', type: 'varchar', length: 16 })
  recordedByRole: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
