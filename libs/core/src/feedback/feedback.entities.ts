import type { EntityClass } from '../entity-class';
import { FeedbackAlert } from './feedback-alert.entity';
import { LinkUpFeedback } from './link-up-feedback.entity';

export const FEEDBACK_ENTITIES: readonly EntityClass[] = [LinkUpFeedback, FeedbackAlert];
