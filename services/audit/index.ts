export * from './chain'
export * from './anchors'
