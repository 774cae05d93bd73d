export * from './worklist.module';
export * from './worklist.service';
