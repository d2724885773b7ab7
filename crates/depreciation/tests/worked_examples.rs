//! Worked examples a clerk can check by hand.

use depreciation::{
    charge_for, disposal_gain, schedule, schedule_with_usage, AssetParams, Decimal, Error, Method,
    Opening, OpeningKind, Period, Revision, Salvage, Usage,
};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn p(text: &str) -> Period {
    text.parse().unwrap()
}

fn amounts(list: &[&str]) -> Vec<Decimal> {
    list.iter().map(|a| d(a)).collect()
}

/// Cost 100,000, salvage 4%, 5 years, put in use January 2026.
fn textbook(method: Method) -> AssetParams {
    AssetParams::new(
        d("100000"),
        Salvage::Rate(d("0.04")),
        60,
        method,
        p("2026-01"),
    )
}

#[test]
fn yearly_amounts_of_the_textbook_asset() {
    let table = [
        (
            Method::StraightLine,
            ["19200", "19200", "19200", "19200", "19200"],
        ),
        (
            Method::DoubleDeclining,
            ["40000", "24000", "14400", "8800", "8800"],
        ),
        (
            Method::SumOfYears,
            ["32000", "25600", "19200", "12800", "6400"],
        ),
    ];
    for (method, expected) in table {
        let plan = schedule(&textbook(method)).unwrap();
        let years: Vec<Decimal> = plan.years().iter().map(|y| y.amount).collect();
        assert_eq!(years, amounts(&expected), "{method}");
        assert!(plan.years().iter().all(|y| y.months == 12));
        assert_eq!(plan.lines().len(), 60);
        let last = plan.lines().last().unwrap();
        assert_eq!(
            (last.period, last.accumulated, last.net_book_value),
            (p("2031-01"), d("96000"), d("4000")),
            "{method}"
        );
    }
}

#[test]
fn first_charge_is_the_month_after_acquisition() {
    // Acquired 2026-01-15: nothing in January (当月增加当月不提), first charge in February.
    let params = AssetParams::new(
        d("100000"),
        Salvage::Rate(d("0.04")),
        60,
        Method::StraightLine,
        Period::of(chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()),
    );
    assert_eq!(params.first_charge_period(), p("2026-02"));
    assert_eq!(charge_for(&params, p("2026-01"), None).unwrap(), d("0"));
    assert_eq!(
        charge_for(&params, p("2026-02"), None).unwrap(),
        d("1600.00")
    );
    assert_eq!(
        charge_for(&params, p("2031-01"), None).unwrap(),
        d("1600.00")
    );
    assert_eq!(
        charge_for(&params, p("2031-02"), None).unwrap(),
        d("0"),
        "nothing after the life"
    );
    let plan = schedule(&params).unwrap();
    assert_eq!(plan.lines()[0].period, p("2026-02"));
    assert!(plan.lines().iter().all(|l| l.amount == d("1600.00")));
}

#[test]
fn monthly_split_gives_each_years_rounding_to_its_last_month() {
    let plan = schedule(&textbook(Method::DoubleDeclining)).unwrap();
    let months = |from: usize| -> Vec<String> {
        plan.lines()[from..from + 12]
            .iter()
            .map(|l| l.amount.to_string())
            .collect()
    };
    let year1 = months(0);
    assert_eq!(year1[..11], vec!["3333.33"; 11][..]);
    assert_eq!(year1[11], "3333.37");
    assert_eq!(
        plan.lines()[11].period,
        p("2027-01"),
        "years run from the first month, not January"
    );
    assert_eq!(months(12), vec!["2000.00"; 12]);
    assert_eq!(months(24), vec!["1200.00"; 12]);
    let year4 = months(36);
    assert_eq!(year4[..11], vec!["733.33"; 11][..]);
    assert_eq!(year4[11], "733.37");
    // Sum-of-years year 2: 25,600 / 12 = 2,133.33…
    let syd = schedule(&textbook(Method::SumOfYears)).unwrap();
    let year2: Vec<String> = syd.lines()[12..24]
        .iter()
        .map(|l| l.amount.to_string())
        .collect();
    assert_eq!(year2[..11], vec!["2133.33"; 11][..]);
    assert_eq!(year2[11], "2133.37");
    // The monthly run charges exactly what the schedule shows.
    for method in [
        Method::StraightLine,
        Method::DoubleDeclining,
        Method::SumOfYears,
    ] {
        let params = textbook(method);
        for line in schedule(&params).unwrap().lines() {
            assert_eq!(
                charge_for(&params, line.period, None).unwrap(),
                line.amount,
                "{method} {}",
                line.period
            );
        }
    }
}

#[test]
fn costs_that_do_not_divide_evenly_still_sum_exactly() {
    // 10,000.01, no salvage, 3 years straight-line: 3,333.34 a year (rounded), the last
    // year takes the rest; each year's 12 months sum to the year.
    let params = AssetParams::new(
        d("10000.01"),
        Salvage::Amount(d("0")),
        36,
        Method::StraightLine,
        p("2026-03"),
    );
    let plan = schedule(&params).unwrap();
    let years: Vec<Decimal> = plan.years().iter().map(|y| y.amount).collect();
    assert_eq!(years, amounts(&["3333.34", "3333.34", "3333.33"]));
    assert_eq!(plan.lines()[0].amount, d("277.78"));
    assert_eq!(plan.lines()[11].amount, d("277.76"));
    assert_eq!(plan.total_charged(), d("10000.01"));
    assert_eq!(plan.lines().last().unwrap().net_book_value, d("0.00"));

    // 12,345.67 at 5% (salvage 617.28 after rounding 617.2835), 4 years double-declining.
    let params = AssetParams::new(
        d("12345.67"),
        Salvage::Rate(d("0.05")),
        48,
        Method::DoubleDeclining,
        p("2026-03"),
    );
    assert_eq!(params.salvage_amount(), d("617.28"));
    let plan = schedule(&params).unwrap();
    let years: Vec<Decimal> = plan.years().iter().map(|y| y.amount).collect();
    // 12,345.67 × 50% = 6,172.84 (6,172.835 rounded up); 6,172.83 × 50% = 3,086.42 (3,086.415);
    // then (3,086.41 − 617.28) / 2 = 1,234.565 → 1,234.57 and 1,234.56.
    assert_eq!(
        years,
        amounts(&["6172.84", "3086.42", "1234.57", "1234.56"])
    );
    assert_eq!(plan.total_charged(), d("11728.39"));

    // Tiny amounts: 0.05 over 10 years never goes negative and still sums.
    let params = AssetParams::new(
        d("0.05"),
        Salvage::Amount(d("0")),
        120,
        Method::StraightLine,
        p("2026-03"),
    );
    let plan = schedule(&params).unwrap();
    assert!(plan.lines().iter().all(|l| l.amount >= d("0")));
    assert_eq!(plan.total_charged(), d("0.05"));
}

#[test]
fn amounts_print_with_two_places() {
    let plan = schedule(&textbook(Method::StraightLine)).unwrap();
    let line = &plan.lines()[0];
    assert_eq!(
        (
            line.amount.to_string(),
            line.accumulated.to_string(),
            line.net_book_value.to_string()
        ),
        ("1600.00".into(), "1600.00".into(), "98400.00".into())
    );
}

#[test]
fn double_declining_never_goes_below_salvage() {
    // Life 3 years, rate 2/3; a 50% salvage is reached in year 1 and nothing more is charged.
    let params = AssetParams::new(
        d("9000"),
        Salvage::Rate(d("0.5")),
        36,
        Method::DoubleDeclining,
        p("2026-01"),
    );
    let plan = schedule(&params).unwrap();
    let years: Vec<Decimal> = plan.years().iter().map(|y| y.amount).collect();
    assert_eq!(years, amounts(&["4500", "0", "0"]));
    assert!(plan.lines().iter().all(|l| l.net_book_value >= d("4500")));
    // Lives of one and two years are straight-line throughout.
    let two = AssetParams::new(
        d("1200"),
        Salvage::Amount(d("0")),
        24,
        Method::DoubleDeclining,
        p("2026-01"),
    );
    let years: Vec<Decimal> = schedule(&two)
        .unwrap()
        .years()
        .iter()
        .map(|y| y.amount)
        .collect();
    assert_eq!(years, amounts(&["600", "600"]));
}

#[test]
fn units_of_production_charges_per_unit_and_stops_at_the_total() {
    // A truck: cost 300,000, salvage 5%, 500,000 km; rate 0.57 per km.
    let params = AssetParams::new(
        d("300000"),
        Salvage::Rate(d("0.05")),
        0,
        Method::UnitsOfProduction,
        p("2026-01"),
    )
    .with_total_units(d("500000"));
    let usage = Usage {
        units: d("4000"),
        units_before: d("0"),
    };
    assert_eq!(
        charge_for(&params, p("2026-02"), Some(usage)).unwrap(),
        d("2280.00")
    );
    assert_eq!(
        charge_for(&params, p("2026-01"), Some(usage)).unwrap(),
        d("0"),
        "not in the month put in use"
    );
    let err = charge_for(&params, p("2026-02"), None).unwrap_err();
    assert_eq!(
        err,
        Error::MissingUnits {
            period: p("2026-02")
        }
    );
    let negative = Usage {
        units: d("-1"),
        units_before: d("0"),
    };
    assert_eq!(
        charge_for(&params, p("2026-02"), Some(negative))
            .unwrap_err()
            .code(),
        "negative_amount"
    );
    assert!(err.message_zh().contains("2026-02"));
    // Near the end: 499,000 used, 3,000 more reported: only 1,000 km are charged, and that
    // period takes exactly what is left.
    let end = Usage {
        units: d("3000"),
        units_before: d("499000"),
    };
    assert_eq!(
        charge_for(&params, p("2030-01"), Some(end)).unwrap(),
        d("570.00")
    );
    let after = Usage {
        units: d("10"),
        units_before: d("502000"),
    };
    assert_eq!(
        charge_for(&params, p("2030-02"), Some(after)).unwrap(),
        d("0")
    );
}

#[test]
fn units_of_production_rounding_goes_to_the_final_period() {
    // Rate 1,000 / 3 units = 333.333…: per period 333.33, 333.34, 333.33 — the running total
    // is rounded, so the total is exact and the final unit period absorbs the cent.
    let params = AssetParams::new(
        d("1000"),
        Salvage::Amount(d("0")),
        0,
        Method::UnitsOfProduction,
        p("2026-01"),
    )
    .with_total_units(d("3"));
    let usage = [
        (p("2025-12"), d("9")),
        (p("2026-02"), d("1")),
        (p("2026-03"), d("1")),
        (p("2026-05"), d("1")),
        (p("2026-06"), d("5")),
    ];
    let plan = schedule_with_usage(&params, &usage).unwrap();
    let charged: Vec<(String, String)> = plan
        .lines()
        .iter()
        .map(|l| (l.period.to_string(), l.amount.to_string()))
        .collect();
    assert_eq!(
        charged,
        [
            ("2026-02", "333.33"),
            ("2026-03", "333.34"),
            ("2026-04", "0.00"),
            ("2026-05", "333.33"),
            ("2026-06", "0.00")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(plan.total_charged(), d("1000.00"));
    assert!(
        schedule(&params).is_err(),
        "units-of-production needs usage"
    );
}

#[test]
fn legacy_asset_continues_from_its_opening_balance() {
    // The textbook asset brought in at the end of its second year (2028-01) with 64,000
    // accumulated: double-declining goes on at 40% of 36,000, then 8,800 twice.
    let opening = Opening::migrated(p("2028-01"), d("64000"));
    let params = textbook(Method::DoubleDeclining).with_opening(opening);
    let plan = schedule(&params).unwrap();
    let years: Vec<Decimal> = plan.years().iter().map(|y| y.amount).collect();
    assert_eq!(years, amounts(&["14400", "8800", "8800"]));
    assert_eq!(plan.lines()[0].period, p("2028-02"));
    assert_eq!(plan.lines()[0].accumulated, d("65200.00"));
    assert_eq!(plan.lines().last().unwrap().net_book_value, d("4000.00"));
    assert_eq!(plan.accumulated_through(p("2027-06")), d("64000"));

    // Double-declining brought in mid-year (2026-07, five months of 3,333.33 charged): the
    // rest of year 1 is found from the rate on the year's opening NBV, so the plan goes on
    // as the original: 23,333.34 for the 7 months, then 24,000 / 14,400 / 8,800 / 8,800
    // (pro rata on the NBV it would be 19,444.44, and the later years would be off).
    let original = schedule(&textbook(Method::DoubleDeclining)).unwrap();
    let opening = Opening::migrated(p("2026-06"), original.accumulated_through(p("2026-06")));
    assert_eq!(opening.accumulated, d("16666.65"));
    let resumed = schedule(&textbook(Method::DoubleDeclining).with_opening(opening)).unwrap();
    let years: Vec<Decimal> = resumed.years().iter().map(|y| y.amount).collect();
    // (The original's deferred cent: 17,600.01 in the last two years, 8,800.005 rounds up.)
    assert_eq!(
        years,
        amounts(&["23333.34", "24000", "14400", "8800.01", "8800"])
    );
    assert_eq!(resumed.lines()[0].amount, d("3333.33"));

    // Straight-line brought in mid-year (2026-07, 5 months charged, 9,000 accumulated, not
    // the 8,000 the plan would say): the rest, 87,000, over the remaining 55 months.
    let opening = Opening::migrated(p("2026-06"), d("9000"));
    let params = textbook(Method::StraightLine).with_opening(opening);
    let plan = schedule(&params).unwrap();
    assert_eq!(plan.lines().len(), 55);
    let years: Vec<(Period, u32, Decimal)> = plan
        .years()
        .iter()
        .map(|y| (y.first, y.months, y.amount))
        .collect();
    // The first, short year ends where the original year does (2027-01).
    assert_eq!(years[0], (p("2026-07"), 7, d("11072.73")));
    assert_eq!(years[1], (p("2027-02"), 12, d("18981.82")));
    assert_eq!(plan.total_charged(), d("87000"));

    // Sum-of-years mid-year: the original plan's remaining months, to the cent (the cent
    // the original's monthly rounding had deferred is spread again).
    let original = schedule(&textbook(Method::SumOfYears)).unwrap();
    let through = p("2027-05");
    let opening = Opening::migrated(through, original.accumulated_through(through));
    let resumed = schedule(&textbook(Method::SumOfYears).with_opening(opening)).unwrap();
    let rest: Vec<_> = original
        .lines()
        .iter()
        .filter(|l| l.period > through)
        .collect();
    assert_eq!(resumed.lines().len(), rest.len());
    for (new, old) in resumed.lines().iter().zip(rest) {
        assert_eq!(new.period, old.period);
        assert!(
            (new.amount - old.amount).abs() <= d("0.01"),
            "{} {} {}",
            new.period,
            new.amount,
            old.amount
        );
    }
    let years: Vec<Decimal> = resumed.years().iter().map(|y| y.amount).collect();
    assert_eq!(
        years,
        amounts(&["17066.67", "19200", "12800", "6400.01"]),
        "the deferred cent lands in the last year"
    );
    assert_eq!(resumed.lines().last().unwrap().net_book_value, d("4000"));

    // Past its life: nothing more, even if not fully depreciated (no catch-up).
    let late =
        textbook(Method::StraightLine).with_opening(Opening::migrated(p("2031-06"), d("90000")));
    assert!(schedule(&late).unwrap().lines().is_empty());
    assert_eq!(charge_for(&late, p("2031-07"), None).unwrap(), d("0"));
}

#[test]
fn fully_depreciated_assets_charge_nothing() {
    let done =
        textbook(Method::StraightLine).with_opening(Opening::migrated(p("2027-01"), d("96000")));
    let plan = schedule(&done).unwrap();
    assert!(plan.lines().iter().all(|l| l.amount == d("0")));
    assert_eq!(charge_for(&done, p("2027-02"), None).unwrap(), d("0"));
}

#[test]
fn a_revision_applies_from_the_next_period_over_the_remaining_life() {
    // Straight-line 100,000 / 4% / 5 years; after two years (48,000 → 38,400 charged,
    // NBV 61,600) the life is extended to 8 years and salvage set to 1,600: from 2028-02
    // the remaining 60,000 is spread over the remaining 72 months.
    let original = schedule(&textbook(Method::StraightLine)).unwrap();
    let change = Revision {
        life_months: Some(96),
        salvage: Some(Salvage::Amount(d("1600"))),
        ..Revision::default()
    };
    let revised = original.replan(p("2028-02"), &change).unwrap();
    assert_eq!(revised.lines().len(), 24 + 72);
    assert_eq!(
        revised.line(p("2028-01")).unwrap().amount,
        d("1600.00"),
        "earlier months are kept"
    );
    assert_eq!(revised.line(p("2028-02")).unwrap().amount, d("833.33"));
    assert_eq!(revised.total_charged(), d("98400"));
    assert_eq!(revised.lines().last().unwrap().period, p("2034-01"));
    let stored = revised.params();
    assert_eq!(stored.opening.unwrap().kind, OpeningKind::Revised);
    assert_eq!(stored.opening.unwrap().accumulated, d("38400.00"));
    // The monthly run on the stored parameters charges the same.
    for line in revised.lines().iter().filter(|l| l.period >= p("2028-02")) {
        assert_eq!(charge_for(stored, line.period, None).unwrap(), line.amount);
    }

    // Double-declining revised at the start of year 3 to 8 years in all (6 remaining):
    // the rate becomes 2/6 on the then NBV of 36,000 (CAS 19 textbook treatment).
    let ddb = schedule(&textbook(Method::DoubleDeclining)).unwrap();
    let revised = ddb
        .replan(
            p("2028-02"),
            &Revision {
                life_months: Some(96),
                ..Revision::default()
            },
        )
        .unwrap();
    let years: Vec<Decimal> = revised.years().iter().map(|y| y.amount).collect();
    assert_eq!(
        years,
        amounts(&["40000", "24000", "12000", "8000", "5333.33", "3555.56", "1555.56", "1555.55"])
    );
    assert_eq!(revised.total_charged(), d("96000"));

    // A method change mid-year: double-declining to straight-line from 2026-08.
    let revised = ddb
        .replan(
            p("2026-08"),
            &Revision {
                method: Some(Method::StraightLine),
                ..Revision::default()
            },
        )
        .unwrap();
    let accumulated = ddb.accumulated_through(p("2026-07"));
    assert_eq!(accumulated, d("19999.98"));
    assert_eq!(
        revised.line(p("2026-08")).unwrap().amount,
        d("1407.41"),
        "76,000.02 × 6/54, / 6"
    );
    assert_eq!(revised.total_charged(), d("96000"));
    assert_eq!(
        revised.years()[0].months,
        6,
        "the year cut at the revision keeps its months"
    );
    assert_eq!(
        revised.years()[1],
        depreciation::YearTotal {
            first: p("2026-08"),
            months: 6,
            amount: d("8444.45")
        }
    );
}

#[test]
fn a_life_extended_after_it_ran_out_goes_on_from_the_revision() {
    // The textbook asset ran out in 2031-01 at its 4,000 salvage. In 2032-05 a review sets
    // salvage 0 and a 10-year life: the 4,000 is charged over the 45 months left from
    // 2032-05 (first a 9-month year: 800, 88.89 a month), nothing for the gap.
    let plan = schedule(&textbook(Method::StraightLine)).unwrap();
    let change = Revision {
        life_months: Some(120),
        salvage: Some(Salvage::Rate(d("0"))),
        ..Revision::default()
    };
    let revised = plan.replan(p("2032-05"), &change).unwrap();
    assert_eq!(revised.line(p("2031-01")).unwrap().amount, d("1600.00"));
    assert!(revised.line(p("2031-02")).is_none() && revised.line(p("2032-04")).is_none());
    assert_eq!(revised.line(p("2032-05")).unwrap().amount, d("88.89"));
    assert_eq!(revised.accumulated_through(p("2032-01")), d("96000"));
    assert_eq!(revised.lines().last().unwrap().period, p("2036-01"));
    assert_eq!(revised.lines().last().unwrap().net_book_value, d("0"));

    // Migrated past its life, not fully depreciated: nothing until a review extends it.
    let late =
        textbook(Method::StraightLine).with_opening(Opening::migrated(p("2031-06"), d("50000")));
    let plan = schedule(&late).unwrap();
    assert!(plan.lines().is_empty());
    let revised = plan
        .replan(
            p("2032-05"),
            &Revision {
                life_months: Some(120),
                ..Revision::default()
            },
        )
        .unwrap();
    assert_eq!(
        revised.line(p("2032-05")).unwrap().amount,
        d("1022.22"),
        "46,000 × 9/45, / 9"
    );
    assert_eq!(revised.total_charged(), d("46000"));
}

#[test]
fn a_revision_before_any_charge_is_a_new_plan() {
    let params = textbook(Method::DoubleDeclining);
    let change = Revision {
        life_months: Some(120),
        ..Revision::default()
    };
    let revised = params
        .revised(p("2025-06"), d("0"), d("0"), &change)
        .unwrap();
    let fresh = AssetParams {
        life_months: 120,
        ..params
    };
    assert_eq!(
        schedule(&revised).unwrap().lines(),
        schedule(&fresh).unwrap().lines()
    );
}

#[test]
fn revisions_that_make_no_sense_are_refused() {
    let plan = schedule(&textbook(Method::StraightLine)).unwrap();
    let shorter = Revision {
        life_months: Some(24),
        ..Revision::default()
    };
    let err = plan.replan(p("2028-06"), &shorter).unwrap_err();
    assert_eq!(
        err,
        Error::LifeAlreadyElapsed {
            life_months: 24,
            elapsed_months: 28
        }
    );
    assert_eq!(err.code(), "life_already_elapsed");
    let migrated = schedule(
        &textbook(Method::StraightLine).with_opening(Opening::migrated(p("2027-01"), d("19200"))),
    )
    .unwrap();
    assert_eq!(
        migrated
            .replan(p("2026-06"), &Revision::default())
            .unwrap_err()
            .code(),
        "revision_before_opening"
    );
}

#[test]
fn units_of_production_revision_uses_the_units_left() {
    let params = AssetParams::new(
        d("10000"),
        Salvage::Amount(d("0")),
        0,
        Method::UnitsOfProduction,
        p("2026-01"),
    )
    .with_total_units(d("1000"));
    let usage = [
        (p("2026-02"), d("100")),
        (p("2026-03"), d("100")),
        (p("2026-04"), d("100")),
    ];
    let plan = schedule_with_usage(&params, &usage).unwrap();
    assert_eq!(plan.total_charged(), d("3000"));
    // From April the expected total becomes 1,400 units: 9,000 over the 1,300 units left.
    let revised = plan
        .replan(
            p("2026-03"),
            &Revision {
                total_units: Some(d("1400")),
                ..Revision::default()
            },
        )
        .unwrap();
    assert_eq!(revised.params().opening.unwrap().units_to_date, d("100"));
    let amounts: Vec<Decimal> = revised.lines().iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [d("1000"), d("692.31"), d("692.31")]);
    let usage = Usage {
        units: d("100"),
        units_before: d("200"),
    };
    assert_eq!(
        charge_for(revised.params(), p("2026-04"), Some(usage)).unwrap(),
        d("692.31")
    );
    // The rest of the 1,300 units takes exactly the rest of the 9,000.
    let last = Usage {
        units: d("1100"),
        units_before: d("300"),
    };
    assert_eq!(
        charge_for(revised.params(), p("2026-05"), Some(last)).unwrap(),
        d("7615.38")
    );
}

#[test]
fn disposal_month_is_charged_and_the_gain_or_loss_follows() {
    // Sold in 2027-06 (17 months charged: 27,200), for 70,000 with 500 costs.
    let plan = schedule(&textbook(Method::StraightLine))
        .unwrap()
        .until(p("2027-06"));
    assert_eq!(
        plan.lines().last().unwrap().period,
        p("2027-06"),
        "当月减少当月照提"
    );
    let nbv = plan.net_book_value_after(p("2027-06"));
    assert_eq!(nbv, d("72800.00"));
    assert_eq!(disposal_gain(d("70000"), nbv, d("500")), d("-3300.00"));
    assert_eq!(disposal_gain(d("80000"), nbv, d("0")), d("7200.00"));
    assert_eq!(plan.years().last().unwrap().months, 5);
    assert_eq!(
        plan.years().iter().map(|y| y.amount).sum::<Decimal>(),
        d("27200")
    );
}

#[test]
fn bad_parameters_are_refused_in_both_languages() {
    let ok = textbook(Method::StraightLine);
    let cases: Vec<(AssetParams, &str)> = vec![
        (
            AssetParams {
                salvage: Salvage::Amount(d("100000.01")),
                ..ok.clone()
            },
            "salvage_exceeds_cost",
        ),
        (
            AssetParams {
                salvage: Salvage::Rate(d("1.5")),
                ..ok.clone()
            },
            "salvage_rate_out_of_range",
        ),
        (
            AssetParams {
                life_months: 0,
                ..ok.clone()
            },
            "zero_life",
        ),
        (
            AssetParams {
                life_months: 1201,
                ..ok.clone()
            },
            "life_too_long",
        ),
        (
            AssetParams {
                cost: d("-1"),
                ..ok.clone()
            },
            "negative_amount",
        ),
        (
            AssetParams {
                cost: d("1.005"),
                ..ok.clone()
            },
            "too_many_decimals",
        ),
        (
            AssetParams {
                method: Method::UnitsOfProduction,
                ..ok.clone()
            },
            "missing_total_units",
        ),
        (
            ok.clone()
                .with_opening(Opening::migrated(p("2026-06"), d("100001"))),
            "accumulated_exceeds_cost",
        ),
        (
            ok.clone()
                .with_opening(Opening::migrated(p("2025-12"), d("0"))),
            "opening_before_in_service",
        ),
        (
            AssetParams {
                method: Method::UnitsOfProduction,
                total_units: Some(d("1e13")),
                ..ok.clone()
            },
            "too_large",
        ),
    ];
    for (params, code) in cases {
        let err = schedule(&params).unwrap_err();
        assert_eq!(err.code(), code);
        assert!(!err.message_en().is_empty() && !err.message_zh().is_empty());
        assert!(
            err.message_zh().chars().any(|c| c > '\u{2E80}'),
            "{code}: {}",
            err.message_zh()
        );
        assert_eq!(
            charge_for(&params, p("2026-06"), None).unwrap_err().code(),
            code
        );
    }
    let err = schedule(&AssetParams {
        salvage: Salvage::Amount(d("200000")),
        ..ok
    })
    .unwrap_err();
    assert_eq!(
        err.message_en(),
        "salvage 200000 is larger than the cost 100000"
    );
    assert_eq!(err.message_zh(), "净残值 200000 大于资产原值 100000");
    assert_eq!(err.field(), "salvage");
}

#[test]
fn lines_serialize_as_the_cli_contract_says() {
    // `depreciation schedule CODE` -> [{"period","amount","accumulated","net_book_value"}],
    // money as strings with two decimals, periods as "YYYY-MM".
    let plan = schedule(&textbook(Method::StraightLine)).unwrap();
    let json = serde_json::to_string(&plan.lines()[0]).unwrap();
    assert_eq!(
        json,
        r#"{"period":"2026-02","amount":"1600.00","accumulated":"1600.00","net_book_value":"98400.00"}"#
    );
    let params =
        textbook(Method::SumOfYears).with_opening(Opening::migrated(p("2027-01"), d("32000")));
    let round_trip: AssetParams =
        serde_json::from_str(&serde_json::to_string(&params).unwrap()).unwrap();
    assert_eq!(round_trip, params);
    assert!(serde_json::to_string(&params)
        .unwrap()
        .contains(r#""method":"sum-of-years""#));
}
