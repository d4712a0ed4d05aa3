//! Who may see which tickets, written once. A `Visibility` is either everything (coordinators and
//! admins) or the tickets a person is related to by one of a list of `Relation`s. The service
//! asks whether a relation holds for one ticket (`service::can_see`); the persistence module turns
//! the same list into the SQL condition of every ticket list (`db::push_visibility`); an
//! integration test checks that both agree for every role and relation.

use super::{Role, User};

/// How a person can be related to a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// They asked for it.
    Requester,
    /// They were added to follow it.
    Watcher,
    /// They manage or follow the project it belongs to.
    ProjectFollower,
    /// It is assigned to them.
    Assignee,
    /// It is new, nobody has it yet, and its category is routed to a team of theirs (or to no
    /// team): it waits in their queue.
    Queue,
}

/// What `user` may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Visibility {
    Everything,
    Related { user: i64, by: &'static [Relation] },
}

impl Visibility {
    pub fn of(user: &User) -> Visibility {
        use Relation::*;
        let by: &'static [Relation] = match user.role {
            Role::Coordinator | Role::Admin => return Visibility::Everything,
            Role::Technician => &[Assignee, Queue, Requester, Watcher, ProjectFollower],
            Role::Requester => &[Requester, Watcher, ProjectFollower],
            // Facility managers see their work orders (not tickets) and their own requests.
            Role::Facility => &[Requester, Watcher],
        };
        Visibility::Related { user: user.id, by }
    }

    /// The relations that let this person see a ticket (none needed for everything).
    pub fn relations(&self) -> &'static [Relation] {
        match self {
            Visibility::Everything => &[],
            Visibility::Related { by, .. } => by,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> User {
        User {
            id: 7,
            email: "x@example.org".into(),
            name: "X".into(),
            role,
            language: None,
            time_zone: None,
        }
    }

    #[test]
    fn staff_see_their_work_and_the_queue_people_outside_it_their_own() {
        assert_eq!(
            Visibility::of(&user(Role::Coordinator)),
            Visibility::Everything
        );
        assert_eq!(Visibility::of(&user(Role::Admin)), Visibility::Everything);
        let tech = Visibility::of(&user(Role::Technician));
        assert!(tech.relations().contains(&Relation::Queue));
        let requester = Visibility::of(&user(Role::Requester));
        assert!(!requester.relations().contains(&Relation::Assignee));
        assert!(!requester.relations().contains(&Relation::Queue));
        let facility = Visibility::of(&user(Role::Facility));
        assert!(!facility.relations().contains(&Relation::ProjectFollower));
    }
}
