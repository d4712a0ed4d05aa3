# The coordinator's board (board-…); the technician's list of work is in ../work.ftl.

## The board's bar and filters
board-title = Board — Switchboard
board-heading = Board
board-link-loading = Loading…
board-link-live = Live
board-link-reconnecting = Reconnecting…
board-search = Search
board-search-placeholder = Search titles, descriptions, notes, numbers
board-priority = Priority
board-all-priorities = All priorities
board-category = Category
board-all-categories = All categories
board-team = Team
board-all-teams = All teams
board-technician = Technician
board-all-technicians = All technicians
board-project = Project
board-all-projects = All projects
board-breaching-soon = Breaching soon
board-lanes-by-technician = Lanes by technician
board-file-for-someone = File for someone

## Messages of the board
board-unassigned = Unassigned
board-nobody-available = Nobody is available for this ticket
board-cannot-move = Cannot move it to { $status } here: open the ticket to do that

## Columns, technicians and drawers
board-column-unassigned = { $status } — unassigned
board-show-more = Show more ({ $count } less urgent)
board-more-less-urgent = { $count } more, less urgent
board-technicians = Technicians
board-tech-tier = tier { $tier }
board-tech-load = { $load } of { $capacity } open
board-drawer-ticket = Ticket { $number }
board-open-as-page = Open as a page
board-close = Close
board-triage-ticket = Triage { $number }

## Triage and cards
board-triage = Triage
board-override-reason-needed = Give a reason for overriding the priority
board-priority-from-matrix = Priority from impact × urgency:
board-impact = Impact
board-urgency = Urgency
board-override-priority = Override the priority
board-no-override = No override
board-override-reason = Reason for the override
board-assign-to = Assign to
board-nobody-yet = Nobody yet
board-flag-escalated = Escalated
board-flag-reopened = Reopened
board-due = due { $date }
board-assign-best = Assign best
board-action-for = Action for { $number }
board-move = Move…

## Bulk changes
bulk-heading = Change the selected tickets
bulk-select-card = Select { $number }
bulk-selected = { $count ->
    [one] 1 ticket selected
   *[other] { $count } tickets selected
}
bulk-select-matching = Select all matching the filter
bulk-loading-all = Reading every matching card…
bulk-clear = Clear the selection
bulk-change = Change
bulk-assign = Assign to a technician
bulk-priority = Set the priority
bulk-status = Change the status
bulk-note = Add a note
bulk-resolve = Resolve
bulk-watch = Add a watcher
bulk-children = Make children of a ticket
bulk-technician = Technician
bulk-choose = Choose…
bulk-choose-technician = Choose a technician to assign the tickets to
bulk-to-status = New status
bulk-reason = Reason for the new priority
bulk-status-reason = Reason (needed to reopen)
bulk-note-text = Note
bulk-resolution = Resolution notes, for every ticket
bulk-watcher-email = Watcher's email address
bulk-parent = Parent ticket number, such as SB-1042
bulk-visibility = Who sees the note
bulk-internal = Internal (staff only)
bulk-public = Public (requesters and watchers)
bulk-apply = { $count ->
    [one] Apply to 1 ticket
   *[other] Apply to { $count } tickets
}
bulk-refused = Not changed:
keys-heading = Keyboard shortcuts
keys-next = Next card in the column
keys-previous = Previous card in the column
keys-left = Column to the left
keys-right = Column to the right
keys-open = Open the card
keys-select = Select or unselect the card (with Shift: the cards between)
keys-assign = Assign the selected cards, or this one
keys-priority = Set the priority of the selected cards, or this one
keys-triage = Triage a new card
keys-escalate = Escalate the card
keys-search = Search
keys-help = Show or hide this list
keys-close = Close
keys-not-typing = Shortcuts work when you are not typing in a field.
keys-at-card = { $number }: { $title }. { $column }, { $position } of { $total }
keys-moved = { $number } moved to { $status }
keys-no-triage = Only new cards are triaged
board-keys-hint = Press ? for keyboard shortcuts
