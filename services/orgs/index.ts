export * from './organizations'
export * from './profile'
export * from './members'
