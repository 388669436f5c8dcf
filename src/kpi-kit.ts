/** The all-in-one bundle entry: defines every element and exports everything. */
import './define.ts';
export * from './index.ts';
