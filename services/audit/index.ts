export * from './chain'
export * from './anchors'
export * from './people'
export * from './actions'
