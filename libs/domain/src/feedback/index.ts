export * from './feedback-rules';
