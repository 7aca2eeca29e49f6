//! Every message rule: id, class, severity, element, and its text per
//! message type.
//!
//! Texts marked *seed* are the receiver's, copied exactly from seed 004's
//! error tables (inbound rows), including their irregularities (`destroying!!!`
//! without a space in Destroy Event, `!!!!` in one ESM Destroy row). The
//! other texts are epcstream's, written in the same style for the rules
//! REFERENCE.md §4 gives without a text (the other messages' required
//! action, bizStep, disposition and elements) and for what the seed's
//! element tables require without an error row.
//!
//! Where seed and standard or seed and seed disagree, the choice made is
//! in the rule's `note`.

use super::{Class, MessageType};
use crate::epcis::Severity;

/// One rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// Class 1 or 2.
    pub class: Class,
    /// Error, or warning (accepted, reported).
    pub severity: Severity,
    /// The element it is about (the seed's "Data Element").
    pub element: &'static str,
    /// Texts by message type; the first entry whose list holds the type
    /// wins, an empty list matches every type.
    pub texts: &'static [(&'static [MessageType], &'static str)],
    /// Whether the texts are the seed's.
    pub seed: bool,
    /// When it fires, and choices made.
    pub note: &'static str,
}

impl Rule {
    /// The text for a message type.
    pub fn text(&self, m: Option<MessageType>) -> &'static str {
        self.texts
            .iter()
            .find(|(ts, _)| ts.is_empty() || m.is_some_and(|m| ts.contains(&m)))
            .or(self.texts.first())
            .map_or("", |(_, t)| t)
    }
}

use MessageType as M;
const D1: &[M] = &[M::EsmDecommission];
const D2: &[M] = &[M::DecommissionEvent];
const X1: &[M] = &[M::EsmDestroy];
const X2: &[M] = &[M::DestroyEvent];
const D: &[M] = &[M::EsmDecommission, M::DecommissionEvent];
const X: &[M] = &[M::EsmDestroy, M::DestroyEvent];
const ALL: &[M] = &[];
const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

macro_rules! rule {
    ($id:literal, $class:ident, $sev:ident, $el:literal, seed, [$(($ts:expr, $t:literal)),* $(,)?], $note:literal) => {
        Rule { id: $id, class: Class::$class, severity: $sev, element: $el, texts: &[$(($ts, $t)),*], seed: true, note: $note }
    };
    ($id:literal, $class:ident, $sev:ident, $el:literal, own, [$(($ts:expr, $t:literal)),* $(,)?], $note:literal) => {
        Rule { id: $id, class: Class::$class, severity: $sev, element: $el, texts: &[$(($ts, $t)),*], seed: false, note: $note }
    };
}

/// Every rule, Class 1 first.
pub static RULES: &[Rule] = &[
    // ---- Class 1: the seed's rows --------------------------------------
    rule!(
        "som.action",
        One,
        E,
        "action",
        seed,
        [
            (
                D1,
                "Action DELETE is required for ObjectEvent decommissioning !!!"
            ),
            (D2, "Action DELETE is required for decommissioning !!!"),
            (X1, "Action DELETE is required for destroying !!!"),
            (X2, "Action DELETE is required for destroying!!!"),
        ],
        "`action` is not exactly DELETE (decommission and destroy messages). The other messages: `som.action_other`."
    ),
    rule!(
        "som.biz_step",
        One,
        E,
        "bizStep",
        seed,
        [
            (
                D,
                "bizStep urn:epcglobal:cbv:bizstep:decommissioning is required for decommissioning !!!"
            ),
            (
                X,
                "bizStep urn:epcglobal:cbv:bizstep:destroying is required for destroying !!!"
            ),
        ],
        "`bizStep` is not exactly the URN (decommission and destroy messages)."
    ),
    rule!(
        "som.disposition",
        One,
        E,
        "disposition",
        seed,
        [
            (
                D,
                "Disposition urn:epcglobal:cbv:disp:inactive is required for decommissioning !!!"
            ),
            (
                X1,
                "Disposition urn:epcglobal:cbv:disp:destroyed is required for destroying !!!"
            ),
            (
                X2,
                "Disposition urn:epcglobal:cbv:disp:destroyed is required for destroying!!!"
            ),
        ],
        "`disposition` is not exactly the URN (decommission and destroy messages)."
    ),
    rule!(
        "som.object_event",
        One,
        E,
        "ObjectEvent",
        seed,
        [
            (D, "ObjectEvent is required for decommissioning !!!"),
            (X1, "ObjectEvent is required for destroying !!!"),
            (X2, "ObjectEvent is required for destroying!!!"),
            (
                &[M::EsmCommission],
                "ObjectEvent is required for commissioning !!!"
            ),
            (
                &[M::EsmShipment],
                "ObjectEvent is required for shipping !!!"
            ),
            (
                &[M::EsmReceive],
                "ObjectEvent is required for receiving !!!"
            ),
            (&[M::TakeSample], "ObjectEvent is required for sampling !!!"),
            (
                &[M::EsmVoidShipment],
                "ObjectEvent is required for void shipping !!!"
            ),
            (
                &[M::EsmUpdateSnStatus],
                "ObjectEvent is required for serial number status update !!!"
            ),
        ],
        "The document has no ObjectEvent of the message's kind. Texts for the messages other than decommission and destroy are epcstream's."
    ),
    rule!(
        "som.epc",
        One,
        E,
        "epc",
        seed,
        [(ALL, "Invalid EPC format !!!"),],
        "An EPC that the EPC core rejects or that is not a pure identity URI (the receiver's examples: `urn:epc:id:sgtin:…`). China EDMC codes (`http://epcis.tracelink.com/hc/cn-edmc/obj/…`) are accepted. The detail says what is wrong."
    ),
    rule!(
        "som.epc_required",
        One,
        E,
        "epc",
        seed,
        [
            (X1, "Serial number in source epc is required !!!"),
            (ALL, "Invalid EPC format !!!"),
        ],
        "An empty `epc` element. ESM Destroy has its own text; the other messages treat it as an invalid EPC."
    ),
    rule!(
        "som.read_point",
        One,
        E,
        "readPoint/id",
        seed,
        [(ALL, "Source read point ID is required !!!"),],
        "`readPoint/id` missing or empty (decommission and destroy messages)."
    ),
    rule!(
        "som.read_point_type",
        One,
        E,
        "readPoint/id",
        seed,
        [(
            D2,
            "Valid decommission event location identifier type is required !!!"
        ),],
        "Decommission Event: `readPoint/id` is not of a form in `MDPartyTypeAttributes` (SGLN URN, GS1 US healthcare URIs, a bare GLN)."
    ),
    rule!(
        "som.biz_transaction_type",
        One,
        E,
        "bizTransaction/@type",
        seed,
        [(
            ALL,
            "Valid bizTransaction type is required if bizTransaction is populated !!!"
        ),],
        "A `bizTransaction` whose `@type` is missing, empty or not in `BizTransactionType`."
    ),
    rule!(
        "som.sender_authority",
        One,
        E,
        "sbdh:Sender/sbdh:Identifier/@Authority",
        seed,
        [(ALL, "Valid Sender/Identifier Authority is required !!!"),],
        "`@Authority` missing, empty or not in `MDPartyTypeEnums` (every message: the SBDH is the same)."
    ),
    rule!(
        "som.receiver_authority",
        One,
        E,
        "sbdh:Receiver/sbdh:Identifier/@Authority",
        seed,
        [(ALL, "Valid Receiver/Identifier Authority is required !!!"),],
        "As `som.sender_authority`, for the receiver."
    ),
    rule!(
        "som.location_id_type_required",
        One,
        E,
        "tl:locationId/@type",
        seed,
        [
            (
                D,
                "Valid location identifier type is required if location ID is populated !!!"
            ),
            (
                X1,
                "Location identifier type is required if location ID is populated !!!"
            ),
            (
                X2,
                "Location identifier type is required if location ID is populated !!!"
            ),
            (
                ALL,
                "Valid location identifier type is required if location ID is populated !!!"
            ),
        ],
        "`tl:locationId` without a (non-empty) `@type`. Destroy Event: an empty `@type`; a missing one is `som.location_id_type_occurs`."
    ),
    rule!(
        "som.location_id_type_occurs",
        One,
        E,
        "tl:locationId/@type",
        seed,
        [(
            X2,
            "@type occurs fewer times than its minimum number of occurrences."
        ),],
        "Destroy Event: `tl:locationId` without a `@type` attribute (the seed's schema-validation row)."
    ),
    rule!(
        "som.location_id_type",
        One,
        E,
        "tl:locationId/@type",
        seed,
        [
            (
                D,
                "Valid location identifier type is required if location ID is populated !!!"
            ),
            (X1, "Valid Location identifier type is required !!!"),
            (X2, "Valid location identifier type is required !!!"),
            (
                ALL,
                "Valid location identifier type is required if location ID is populated !!!"
            ),
        ],
        "`@type` not in the lookup table: `LocationIdType` for ESM Decommission, `MessagePartyIdType` for the others (the seed's element tables)."
    ),
    rule!(
        "som.business_classification",
        One,
        E,
        "tl:businessClassification",
        seed,
        [(ALL, "Valid business classification value is required !!!"),],
        "Present and not in `BusinessClassification`."
    ),
    rule!(
        "som.business_id",
        One,
        E,
        "tl:businessId",
        seed,
        [(ALL, "Business party identifier is required !!!"),],
        "`tl:businessPartyInfo` without a non-empty `tl:businessId`."
    ),
    rule!(
        "som.business_id_type_required",
        One,
        E,
        "tl:businessId/@type",
        seed,
        [
            (
                X1,
                "Party type attribute is required when BusinessId is populated !!!!"
            ),
            (
                ALL,
                "Party type attribute is required when BusinessId is populated !!!"
            ),
        ],
        "A non-empty `tl:businessId` without a non-empty `@type`."
    ),
    rule!(
        "som.business_id_type",
        One,
        E,
        "tl:businessId/@type",
        seed,
        [(ALL, "Valid business identifier type is required !!!"),],
        "`@type` present and not in `BusinessAndLocationId`."
    ),
    rule!(
        "som.business_name",
        One,
        E,
        "tl:businessName",
        seed,
        [
            (D1, "Business party name is required !!!"),
            (X1, "Transfer from business party name is required !!!"),
            (ALL, "Business name of business party is required !!!"),
        ],
        "`tl:BusinessPartyDetail` without a non-empty `tl:businessName`."
    ),
    rule!(
        "som.street1",
        One,
        E,
        "tl:street1",
        seed,
        [
            (D1, "Business party street address is required !!!"),
            (
                X1,
                "Transfer from business party street address is required !!!"
            ),
            (ALL, "Street address of business party is required !!!"),
        ],
        "`tl:BusinessPartyDetail` without a non-empty `tl:street1`."
    ),
    rule!(
        "som.city",
        One,
        E,
        "tl:city",
        seed,
        [
            (D1, "Business party city is required !!!"),
            (X1, "Transfer from business party city is required !!!"),
            (ALL, "City of business party is required !!!"),
        ],
        "`tl:BusinessPartyDetail` without a non-empty `tl:city`."
    ),
    rule!(
        "som.state_or_region",
        One,
        E,
        "tl:stateOrRegion",
        seed,
        [
            (D1, "Business party state or region is required !!!"),
            (
                X1,
                "Transfer from business party state or region is required !!!"
            ),
            (ALL, "State or region of business party is required !!!"),
        ],
        "`tl:BusinessPartyDetail` without a non-empty `tl:stateOrRegion`."
    ),
    rule!(
        "som.country",
        One,
        E,
        "tl:country",
        seed,
        [
            (D1, "Business party country is required !!!"),
            (X1, "Transfer from business party country is required !!!"),
            (ALL, "Country of business party is required !!!"),
        ],
        "`tl:BusinessPartyDetail` without a non-empty `tl:country`."
    ),
    rule!(
        "som.district",
        One,
        E,
        "tl:district",
        seed,
        [(
            ALL,
            "3-digit numeric District code required for country India !!!"
        ),],
        "`tl:country` is IN and `tl:district` is not 3 digits. (The issue lists the India district code among Class 2; the seed's tables put it in Class 1, which is followed.)"
    ),
    rule!(
        "som.market_country_code",
        One,
        E,
        "tl:marketCountryCode",
        seed,
        [(
            ALL,
            "Market Country Code must be at least two characters !!!"
        ),],
        "Present with fewer than two characters."
    ),
    rule!(
        "som.warehouse_operator",
        One,
        E,
        "tl:warehouseOperatorName",
        seed,
        [(
            ALL,
            "Warehouse operator name for China product is required !!!"
        ),],
        "An event with a China EDMC code (`http://epcis.tracelink.com/hc/cn-edmc/obj/…`; Destroy Event's table writes `http://epcis.tracelink.com/obj/cn-edmn/`, also accepted) and no non-empty `tl:warehouseOperatorName`. (Class 1 in the seed; the issue lists it among Class 2.)"
    ),
    rule!(
        "som.decommission_reason_code",
        One,
        E,
        "tl:decommissionReasonCode",
        seed,
        [(ALL, "Valid reason code is required !!!"),],
        "Present and not in `DecommissionReasonCode`."
    ),
    rule!(
        "som.destruction_method",
        One,
        E,
        "tl:destructionMethod",
        seed,
        [(ALL, "Valid destruction method code is required !!!"),],
        "Present and not in `DestructionMethod`."
    ),
    // ---- Class 1: epcistream's, for what the seed requires without a row
    rule!(
        "som.extension_required",
        One,
        E,
        "tl:destroyEventExtensions",
        own,
        [
            (
                X1,
                "tl:destroyEventExtensions occurs fewer times than its minimum number of occurrences."
            ),
            (
                &[M::EsmUpdateSnStatus],
                "tl:updateStatusEventExtensions occurs fewer times than its minimum number of occurrences."
            ),
        ],
        "ESM Destroy requires `tl:destroyEventExtensions` (1…1), Update Serial Number Status `tl:updateStatusEventExtensions`; the seed has no row, the text is the schema-validation text the seed uses for `@type`."
    ),
    rule!(
        "som.extension_repeated",
        One,
        E,
        "tl:*EventExtensions",
        own,
        [(ALL, "More than one event extension element found !!!"),],
        "An event with its extension block (`tl:decommissionEventExtensions`, …) more than once (0…1 / 1…1), for the ESM messages (the *Event messages have the seed's Class 2 rows)."
    ),
    rule!(
        "som.misspelt_element",
        One,
        W,
        "tl:decomissionEventExtensions",
        own,
        [(ALL, "Misspelt element accepted !!!"),],
        "`tl:decomissionEventExtensions` (the seed's own ESM Decommission example) read as `tl:decommissionEventExtensions`: the intent is unambiguous. A warning."
    ),
    rule!(
        "som.unexpected_event",
        One,
        E,
        "EventList",
        own,
        [(ALL, "Event not expected in this message !!!"),],
        "An event whose type or role the message does not carry (e.g. an AggregationEvent in ESM Decommission: \"the ObjectEvent for decommissioning events is the only event expected in the EventList\"). The detail names both."
    ),
    rule!(
        "som.action_other",
        One,
        E,
        "action",
        own,
        [(ALL, "Action <ACTION> is required for <step> !!!"),],
        "The other messages' required action (REFERENCE.md §4): ADD for commissioning and packing, DELETE for unpacking, OBSERVE for shipping, receiving and void shipping. The text names them."
    ),
    rule!(
        "som.biz_step_other",
        One,
        E,
        "bizStep",
        own,
        [(ALL, "bizStep <urn> is required for <step> !!!"),],
        "The other messages' required bizStep."
    ),
    rule!(
        "som.disposition_other",
        One,
        E,
        "disposition",
        own,
        [(ALL, "Disposition <urn> is required for <step> !!!"),],
        "The other messages' required disposition (receiving: `in_progress` or `in_transit`, the receiver's page says both)."
    ),
    rule!(
        "som.biz_location",
        One,
        E,
        "bizLocation/id",
        own,
        [(ALL, "Business location ID is required !!!"),],
        "Commission, aggregation, disaggregation and status update events without `bizLocation/id` (REFERENCE.md §4)."
    ),
    rule!(
        "som.parent_id",
        One,
        E,
        "parentID",
        own,
        [(ALL, "Parent ID is required for aggregation !!!"),],
        "An aggregation or disaggregation event without `parentID`."
    ),
    rule!(
        "som.children",
        One,
        E,
        "childEPCs",
        own,
        [(ALL, "Child EPCs are required for aggregation !!!"),],
        "An aggregation event (ADD) without child EPCs."
    ),
    rule!(
        "som.epc_list",
        One,
        E,
        "epcList",
        own,
        [(ALL, "EPCs are required !!!"),],
        "An ObjectEvent of the message without an EPC (seed: epcList 1…1, epc 1…*)."
    ),
    rule!(
        "som.biz_transaction",
        One,
        E,
        "bizTransactionList",
        own,
        [
            (&[M::EsmReceive], "Receiving document is required !!!"),
            (
                &[M::EsmVoidShipment],
                "bizTransaction of type urn:epcglobal:cbv:btt:desadv is required for void shipping !!!"
            ),
            (ALL, "bizTransaction is required for shipping !!!"),
        ],
        "Shipping and receiving events without a `bizTransaction`; a void shipment without one of type `urn:epcglobal:cbv:btt:desadv`."
    ),
    rule!(
        "som.biz_transaction_value",
        One,
        E,
        "bizTransaction",
        own,
        [(
            ALL,
            "bizTransaction value must start with urn:epcglobal:cbv:bt: !!!"
        ),],
        "Void shipment: the desadv `bizTransaction` value must start `urn:epcglobal:cbv:bt:` (REFERENCE.md §4)."
    ),
    rule!(
        "som.barcode_content",
        One,
        E,
        "tl:barcodeContent",
        own,
        [(ALL, "Barcode content is required !!!"),],
        "Commission: `tl:epcAttributes` without `tl:barcodeContent`."
    ),
    rule!(
        "som.expiry",
        One,
        E,
        "tl:expiry",
        own,
        [(ALL, "Expiry date is required !!!"),],
        "Commission: `tl:itemDetail` without `tl:expiry`."
    ),
    rule!(
        "som.country_drug_code_type",
        One,
        E,
        "tl:countryDrugCode/@type",
        own,
        [(ALL, "Country drug code type is required !!!"),],
        "Commission: `tl:countryDrugCode` without `@type`."
    ),
    rule!(
        "som.packaging_level",
        One,
        E,
        "tl:packagingLevel",
        own,
        [(ALL, "Valid packaging level is required !!!"),],
        "`tl:packagingLevel` not in `PackagingLevel` (Type 1 or Type 2 codes)."
    ),
    rule!(
        "som.lot_expiry",
        One,
        E,
        "ilmd",
        own,
        [(
            ALL,
            "Lot number and expiration date are required for GTIN products !!!"
        ),],
        "ESM Shipment: a commission event of SGTINs without `cbvmda:lotNumber` and `cbvmda:itemExpirationDate` in its ILMD (REFERENCE.md §4: \"lot & expiry ILMD required for GTIN/NTIN\")."
    ),
    rule!(
        "som.one_event",
        One,
        E,
        "ObjectEvent",
        own,
        [(ALL, "Exactly one ObjectEvent is expected !!!"),],
        "Void shipment and status update: more than one ObjectEvent."
    ),
    rule!(
        "som.change_reason_code",
        One,
        E,
        "tl:changeReasonCode",
        own,
        [(ALL, "Valid change reason code is required !!!"),],
        "Void shipment: `tl:changeReasonCode` not in `ChangeReasonCode`."
    ),
    rule!(
        "som.partner_id_type",
        One,
        E,
        "tl:partnerId/@type",
        own,
        [(
            ALL,
            "Partner identifier type is required if partner ID is populated !!!"
        ),],
        "Void shipment: `tl:partnerId` without `@type`, or one not in `MessagePartyIdType`."
    ),
    rule!(
        "som.update_type",
        One,
        E,
        "tl:updateType",
        own,
        [(ALL, "Valid update type is required !!!"),],
        "Status update: `tl:updateType` missing or not ProductStatusUpdate / ModifyingIncorrectProductStatus."
    ),
    rule!(
        "som.update_reason_code",
        One,
        E,
        "tl:updateSNStatusReasonCode",
        own,
        [(
            ALL,
            "Valid update serial number status reason code is required !!!"
        ),],
        "Status update: `tl:updateSNStatusReasonCode` not in `UpdateSNStatusReasonCode` (shipped empty: any value)."
    ),
    rule!(
        "som.status_combination",
        One,
        E,
        "action/bizStep/disposition",
        own,
        [(
            ALL,
            "Valid combination of action, bizStep and disposition is required !!!"
        ),],
        "Status update: (action, bizStep, disposition) not one of the status combinations (commissioning/active ADD, decommissioning/inactive DELETE, destroying/destroyed DELETE, encoding/encoded ADD, reserving/reserved OBSERVE)."
    ),
    rule!(
        "som.header",
        One,
        W,
        "EPCISHeader",
        own,
        [(ALL, "Header value differs from the message guide !!!"),],
        "Warnings: `schemaVersion` not 1.2 (the seed's own ESM Decommission example says `1`), no SBDH, `HeaderVersion` not 1.0, `Standard` not EPCglobal, `TypeVersion` not 1.0, `Type` not Events, no `InstanceIdentifier`. The seed gives no error text for them: accepted, reported."
    ),
    rule!(
        "som.unclassified",
        One,
        W,
        "EventList",
        own,
        [(ALL, "Message type could not be determined !!!"),],
        "No message type given and the events fit none (or several). The detail lists the event roles seen; give the type with `--message`."
    ),
    // ---- Class 2 ---------------------------------------------------------
    rule!(
        "som.address_object_guid",
        Two,
        E,
        "tl:addressObjectGUID",
        seed,
        [
            (
                &[M::EsmDecommission, M::EsmDestroy],
                "AddressObjectGUID cannot be blank for Country RU"
            ),
            (ALL, "AddressObjectGUID cannot be blank for Country RU."),
        ],
        "`tl:country` is RU and `tl:addressObjectGUID` is missing or empty."
    ),
    rule!(
        "som.reporting_party",
        Two,
        E,
        "tl:businessPartyInfo",
        seed,
        [(
            ALL,
            "Reporting Party is required when Transactions are included in the request and products are sold in Russia"
        ),],
        "An event with an EPC whose GTIN has RU among its target markets (the product master) and no `tl:businessPartyInfo`. Needs `--product-master`."
    ),
    rule!(
        "som.event_empty",
        Two,
        E,
        "ObjectEvent",
        seed,
        [
            (D2, "Required field DecommissionEvent is empty"),
            (X2, "Required field DestroyEvent is empty"),
        ],
        "Decommission Event, Destroy Event: an ObjectEvent without EPCs."
    ),
    rule!(
        "som.event_repeated",
        Two,
        E,
        "ObjectEvent",
        seed,
        [
            (D2, "More than one DecommissionEvent found"),
            (X2, "More than one DestroyEvent found"),
        ],
        "Decommission Event, Destroy Event: more than one ObjectEvent. The element table says 1…*, its EventList row \"the only event expected\" and the Class 2 table this row: the receiver's processing (Class 2) is followed."
    ),
    rule!(
        "som.params_missing",
        Two,
        E,
        "tl:decommissionEventExtensions",
        seed,
        [
            (D2, "no decommissionParam found"),
            (X2, "no DestroyParams found"),
        ],
        "Decommission Event, Destroy Event: an ObjectEvent without its extension block (read as the receiver's \"params\")."
    ),
    rule!(
        "som.params_repeated",
        Two,
        E,
        "tl:decommissionEventExtensions",
        seed,
        [
            (D2, "More than one decommissionParam found"),
            (X2, "More than one DestroyParams found"),
        ],
        "Decommission Event, Destroy Event: the extension block more than once."
    ),
    rule!(
        "som.message_body",
        Two,
        E,
        "EPCISBody",
        seed,
        [(ALL, "message body is null"),],
        "Decommission Event, Destroy Event: no event at all."
    ),
    rule!(
        "som.duplicate",
        Two,
        E,
        "sbdh:InstanceIdentifier",
        seed,
        [(
            ALL,
            "File <inFilename> is a potential duplicate match with file <origFilename> sent from <origFilename> received on <origFileDate>, based on both files having the same File Control Number <cntrlID>."
        ),],
        "A document whose `InstanceIdentifier` was seen before (the state file, `--state`). Filled in: `sent from` gets the original's sender (the seed's template repeats <origFilename> there, where its field list has origCompanyname)."
    ),
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_rule_has_a_text() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for r in RULES {
            assert!(!r.text(None).is_empty(), "{}", r.id);
            assert!(r.id.starts_with("som."));
        }
    }

    /// Every inbound error text of seed 004's EPCIS tables is some rule's
    /// text for its message (read from the seed itself when it is there).
    #[test]
    fn every_seed_text_is_a_rule_text() {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seeds/004_e5ccb0b379d3eb22.txt");
        let Ok(seed) = std::fs::read_to_string(seed) else {
            return; // not beside this checkout
        };
        use super::super::exception::Validation as V;
        let soap = [
            V::DestructionMethodRussia,
            V::ItemAttributeRussia,
            V::LocationRussia,
            V::ReportingPartyRussia,
            V::TransactionRussia,
        ];
        let texts: Vec<&str> = RULES
            .iter()
            .flat_map(|r| r.texts.iter().map(|(_, t)| *t))
            .chain(soap.iter().map(|v| v.text()))
            .collect();
        let mut missing = Vec::new();
        for line in seed.lines() {
            for cell in line.split(" | ") {
                let cell = cell.trim().trim_end_matches(" |").trim();
                let is_error = cell.ends_with("!!!")
                    || cell.starts_with("AddressObjectGUID cannot")
                    || cell.starts_with("Reporting Party is required when")
                    || cell.starts_with("@type occurs");
                // Outbound-only rows (OB) are not the receiver's checks of
                // what it receives.
                if is_error && !line.contains("| OB |") && !texts.contains(&cell) {
                    missing.push(cell.to_owned());
                }
            }
        }
        // The SOAP VALIDATION texts end in '.', not "!!!": see exception.rs.
        assert!(
            missing.is_empty(),
            "seed texts without a rule: {missing:#?}"
        );
    }
}
