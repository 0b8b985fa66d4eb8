export * from './luhn';
export * from './screen';
