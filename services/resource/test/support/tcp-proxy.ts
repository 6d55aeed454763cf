// A TCP proxy in front of a real server, so a test can cut the connection and restore it.
export { startTcpProxy, type TcpProxy } from '@keyhold/service-kit/testing'
