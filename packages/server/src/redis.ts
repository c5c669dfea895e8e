export type { RedisUserBudgetClient, RedisUserBudgetStoreOptions } from './redis/createRedisUserBudgetStore.js';
export { createRedisUserBudgetStore } from './redis/createRedisUserBudgetStore.js';
