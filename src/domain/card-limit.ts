// How many cards one address may hold (contract): enough for a family's cards, few enough that one
// address can never crowd out everyone else's reminders in a cron run.
export const MAX_CARDS_PER_ADDRESS = 20
