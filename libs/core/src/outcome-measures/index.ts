export * from './outcome-measure.entity';
export * from './outcome-measures.entities';
export * from './outcome-measures.module';
export * from './outcome-measures.service';
