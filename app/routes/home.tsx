import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { HOME_BY_KIND } from '~/components/layout'
import { requireSession } from '~/utils/auth.server'

/** Each role has its own home; /home sends the user to theirs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request)
  return redirect(HOME_BY_KIND[session.org.kind])
}
