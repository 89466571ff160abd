import { contractInputSchema, terminationSchema } from '../../services/procurement/contract-input'
import { formSpec } from '~/utils/form-spec'
import { fileField } from './owner'

/** The owner's contract form, apart from the other owner forms: only the owner's procurement page ships it, with its words. */
export const contractForm = formSpec({ schema: contractInputSchema, fieldName: fileField })

/** The owner's termination of the contract, with its reason. */
export const terminationForm = formSpec({ schema: terminationSchema })
