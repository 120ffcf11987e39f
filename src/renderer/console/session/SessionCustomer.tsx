import type { CustomerDetail } from '@shared/people'
import { CustomerCard } from '../people/TicketCustomer'
import { usePeopleData } from '../people/usePeople'
import { useConsoleStore } from '../store'

/**
 * The customer this session reaches, with its contract and the technical contact's phone and e-mail
 * one click away, so a specialist who joined can call them. Online only, like every customer view.
 */
export function SessionCustomer({ customerId }: { customerId: string }) {
  const online = useConsoleStore((s) => s.connection === 'online')
  const found = usePeopleData<CustomerDetail>(online ? `customer:${customerId}` : null, (client) =>
    client.customer(customerId),
  )
  return online && found.data ? <CustomerCard detail={found.data} /> : null
}
