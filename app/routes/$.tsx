import { GeneralErrorBoundary } from '~/components/error-boundary'

/** Any path no route claims: a real 404 page in the frame, with the status code. */
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export const ErrorBoundary = GeneralErrorBoundary
