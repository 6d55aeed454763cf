// A throwaway redis-server on a port of its own, which a test can stop and start again.
export { startOwnRedis, type OwnRedis } from '@keyhold/service-kit/testing'
