export * from './menu.ts';
export * from './menu-import.ts';
export * from './money.ts';
export * from './openapi.ts';
export * from './operator.ts';
export * from './order.ts';
export * from './problem.ts';
export * from './status.ts';
