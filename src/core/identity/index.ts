export * from './mask';
export * from './phone';
