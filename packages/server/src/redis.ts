export type { RedisChatKitRevocationStoreOptions } from './redis/createRedisChatKitRevocationStore.js';
export { createRedisChatKitRevocationStore } from './redis/createRedisChatKitRevocationStore.js';
export type { RedisUserBudgetClient, RedisUserBudgetStoreOptions } from './redis/createRedisUserBudgetStore.js';
export { createRedisUserBudgetStore } from './redis/createRedisUserBudgetStore.js';
