/** The insights' figures, pure: the desk and the hub compute them from the same risk-set rows. */
export * from './experiment-figures';
export * from './segments';
export * from './revenue';
export * from './covariates';
export * from './practice-rows';
export * from './practice-figures';
export * from './merge-rows';
export * from './waiting';
export * from './practices-overview';
export * from './agent-funnel';
export * from './csv';
export * from './filters';
export * from './experiment-rows';
export * from './columns';
