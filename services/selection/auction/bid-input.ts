import * as z from 'zod/mini'
import { bidPrice } from '../../bids/input'

/**
 * One offer in a live auction, as its form sends it. Pure, so the browser checks its shape before
 * sending; whether it beats the standing price by the step, in this bidder's turn, is asked on arrival.
 */
export const auctionBidSchema = z.object({
  price: bidPrice,
  /** a repeated submission with the same key gets the first answer */
  idempotencyKey: z.string({ error: 'errors.illegalStep' }).check(z.trim(), z.minLength(8, 'errors.illegalStep'), z.maxLength(80, 'errors.illegalStep')),
})
