export * from './notify'
