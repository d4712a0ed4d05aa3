//! Properties of the ticket service over random sequences of actions by random people, on a
//! real database: versions only grow (by one per accepted change), every accepted change leaves
//! history, a refused change leaves nothing, and the stored state is always one the lifecycle allows.

use crate::helpers::TestApp;
use app::domain::{ActionKind, Role, Status, TicketNumber, User};
use app::server::service;
use app::types::{NewTicket, TicketChange};
use proptest::prelude::*;

fn step() -> impl Strategy<Value = (usize, ActionKind, bool)> {
    (
        0usize..4,
        prop::sample::select(ActionKind::ALL.to_vec()),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn service_keeps_its_invariants(steps in prop::collection::vec(step(), 1..25)) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let app = TestApp::spawn().await;
            let mut people: Vec<User> = Vec::new();
            for (email, role) in [("req@example.org", Role::Requester), ("tech@example.org", Role::Technician), ("other@example.org", Role::Technician), ("coord@example.org", Role::Coordinator)] {
                app.user(email, role).await;
                people.push(app.state.db.user_by_email(email).await.unwrap().unwrap());
            }
            let input = NewTicket { title: "Property ticket".into(), description: "d".into(), category: "other".into(), impact: "low".into(), urgency: "low".into(), ..NewTicket::default() };
            let t = service::create_ticket(&app.state, &people[0], input).await.unwrap();
            let number: TicketNumber = t.number;
            let mut version = t.version;
            let mut events = app.state.db.events(number.id(), true).await.unwrap().len();
            assert_eq!((version, events), (1, 1));
            for (who, kind, with_text) in steps {
                let actor = &people[who];
                let change = TicketChange {
                    action: Some(kind),
                    assignee: (kind == ActionKind::Assign && actor.role.coordinates()).then(|| "tech@example.org".to_string()),
                    text: with_text.then(|| "because".to_string()),
                    reason: with_text.then(|| "because".to_string()),
                    ..TicketChange::default()
                };
                let result = service::change_ticket(&app.state, actor, number, Some(version), change).await;
                let stored = service::ticket(&app.state, &people[3], number).await.unwrap();
                let now_events = app.state.db.events(number.id(), true).await.unwrap().len();
                match result {
                    Ok(t) => {
                        assert_eq!(t.version, stored.version);
                        assert!(stored.version == version || stored.version == version + 1, "one change, one version");
                        assert_eq!(stored.version > version, now_events > events, "a change that wrote something left history");
                    }
                    Err(_) => {
                        assert_eq!(stored.version, version, "a refused change writes nothing");
                        assert_eq!(now_events, events, "a refused change leaves no history");
                    }
                }
                assert_eq!(stored.status == Status::Waiting, stored.waiting_on.is_some());
                if matches!(stored.status, Status::Assigned | Status::InProgress | Status::Waiting) {
                    assert!(stored.assignee.is_some(), "work states have an assignee");
                }
                if stored.status == Status::Resolved {
                    assert!(stored.resolution.is_some(), "resolved tickets have resolution notes");
                }
                version = stored.version;
                events = now_events;
            }
        });
    }
}
