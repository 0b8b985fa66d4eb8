export * from './actions';
export * from './canonical';
export * from './chain';
