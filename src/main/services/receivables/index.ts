export * from './receivables-service';
