## Projects (app/src/ui/projects.rs)
projects-percent-done = { $percent }% done
projects-done-open = { $done } done · { $open } open
projects-overdue-count = { $count } overdue
projects-title = Projects — Switchboard
projects-heading = Projects
projects-lead = Support IT delivers for projects: planned tasks and the requests that belong to them.
projects-loading = Loading…
projects-none-yet = No projects yet.
# Followed by a link to the new project.
projects-created = Project created:
# $starts, $ends: dates; $manager: a person's name.
projects-card-facts = { $starts } – { $ends } · managed by { $manager }
projects-next-due = next due { $date }
projects-new = New project
projects-name = Name
projects-manager-email = Project manager (email)
projects-starts = Starts
projects-ends = Ends
projects-about = What it is about
projects-create = Create project
projects-overdue-since = overdue since { $date }
projects-due-today = due today
projects-due-on = due { $date }
projects-page-facts = { $starts } – { $ends } · project manager { $manager }
projects-progress = Progress
projects-following = Following
# The project manager at the head of the list of people who follow the project.
projects-following-manager = { $name } (project manager)
projects-watcher-email = Keep someone informed (their email)
projects-add-watcher = Add
projects-who-works-on-what = Who is working on what
projects-nothing-open = Nothing open.
projects-not-yet-assigned = Not yet assigned
projects-upcoming-due = Upcoming due dates
projects-no-due-dates = No open task has a due date.
projects-tickets-heading = Tickets and tasks ({ $count })
projects-col-ticket = Ticket
projects-col-status = Status
projects-priority = Priority
projects-due = Due
projects-col-assigned-to = Assigned to
projects-plan-task = Plan a task
projects-task = Task
projects-category = Category
projects-assignee-email = Assign to (email, optional)
projects-details = Details
projects-add-task = Add task
