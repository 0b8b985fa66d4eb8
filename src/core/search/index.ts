export * from './query';
export * from './phone-prefix';
