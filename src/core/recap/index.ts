export * from './recap';
