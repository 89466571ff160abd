export * from './organizations'
export * from './profile'
