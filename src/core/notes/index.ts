export * from './card-schemes';
export * from './luhn';
export * from './screen';
