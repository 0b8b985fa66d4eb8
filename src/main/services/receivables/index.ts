export * from './receivables-service';
export * from './disputes-service';
