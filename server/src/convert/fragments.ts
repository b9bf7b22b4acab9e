// Mapping fragments shared by the request and response tables (requestMapping.ts, responseMapping.ts): names,
// addresses, contacts, identifiers and the segments every 278 kind uses. Each row reads "JSON field → X12 position";
// check them against shared/reference/optum-prior-auth-api.md §5, §6 and §9 and x12-278-structure.md §7.

import { choice, dtp, fixed, name, pairs, refs, seg, v, type FieldRule, type SegmentRule } from './rules';

// ---------------------------------------------------------------------------------------------------------------
// Identifier qualifiers

/** 2010B requester NM108 by JSON field, in order of preference (the first one given fills NM108/NM109). */
export const REQUESTER_NM108 = { npi: 'XX', employersId: '24', ssn: '34', etin: '46', servicesPlanID: 'XV', payorId: 'PI' };

/** 2010B requester REF01 by `requesterIdentification` field. */
export const REQUESTER_REF01 = {
  providerUpinNumber: '1G', facilityIdNumber: '1J', employerIdentificationNumber: 'EI', providerSiteNumber: 'G5',
  providerPlanNetworkIdNumber: 'N5', facilityNetworkIdNumber: 'N7', socialSecurityNumber: 'SY',
  carrierAssignedReferenceNumber: 'ZH',
};

/** 2010C subscriber REF01 by `supplementalIdentification` field. */
export const SUBSCRIBER_REF01 = {
  groupNumber: '6P', ssn: 'SY', branchIdentifier: '3L', policyNumber: '1L', patientAccountNumber: 'EJ',
  departmentNumber: 'DP', healthInsuranceClaimNumber: 'F6', idCard: 'HJ', insurancePolicyNumber: 'IG',
  planNetworkIdentificationNumber: 'N6', medicaidRecipientIdentificationNumber: 'NQ',
};

/** 2010D dependent REF01 by `supplementalIdentification` field. */
export const DEPENDENT_REF01 = { patientAccountNumber: 'EJ', ssn: 'SY' };

/** Provider REF01 (2010EA, 2010F, 2010FA) by `providerSupplementalInformation` field; the state license is separate. */
export const PROVIDER_REF01 = {
  providerUpinNumber: '1G', facilityIdNumber: '1J', employersIdentificationNumber: 'EI', providerSiteNumber: 'G5',
  providerPlanNetworkIdentificationNumber: 'N5', facilityNetworkIdentificationNumber: 'N7', ssn: 'SY',
  carrierAssignedReferenceNumber: 'ZH',
};

/** PER03/05/07 qualifiers by contact field, in the order the pairs are filled. */
export const CONTACT_QUALIFIERS = {
  contactTelephone: 'TE', contactTelephoneExtension: 'EX', contactFacsimile: 'FX', contactElectronicMail: 'EM',
  contactUrl: 'UR',
};

type ContactField = keyof typeof CONTACT_QUALIFIERS;

// ---------------------------------------------------------------------------------------------------------------
// Name-loop segments

export const ADDRESS: readonly SegmentRule[] = [
  seg('N3', [v('address1', 'N301'), v('address2', 'N302')]),
  seg('N4', [
    v('city', 'N401'), v('state', 'N402'), v('postalCode', 'N403'), v('countryCode', 'N404'),
    v('countrySubDivisionCode', 'N407'),
  ]),
];

/** N3/N4 of the transport loops: no country. */
export const TRANSPORT_ADDRESS: readonly SegmentRule[] = [
  seg('N3', [v('address1', 'N301'), v('address2', 'N302')]),
  seg('N4', [v('city', 'N401'), v('state', 'N402'), v('postalCode', 'N403')]),
];

/** PER*IC with a contact name and the given contact numbers as qualifier/value pairs. */
export function contact(numbers: readonly ContactField[]): SegmentRule {
  const qualifiers: Record<string, string> = {};
  for (const field of numbers) qualifiers[field] = CONTACT_QUALIFIERS[field];
  return seg('PER', [v('contactName', 'PER02'), pairs(3, 3, qualifiers)], { fixed: [fixed('PER01', 'IC')] });
}

/** PRV with the provider code and, as PRV02 PXC, a taxonomy code. */
export function providerSpecialty(taxonomyField: string): SegmentRule {
  return seg('PRV', [v('providerCode', 'PRV01'), v(taxonomyField, 'PRV03', ['PRV02', 'PXC'])]);
}

/** AAA items of a `*RequestValidation` array. */
export function validation(array: string): SegmentRule {
  return seg('AAA', [v('responseCode', 'AAA01'), v('rejectReasonCode', 'AAA03'), v('followupActionCode', 'AAA04')], { each: array });
}

/** The UMO (payer) name: NM1*PR|X3*2*payerName*****PI*payerId. */
export function umoName(entity: string): SegmentRule {
  return seg('NM1', [v('payerName', 'NM103'), v('payerId', 'NM109', ['NM108', 'PI'])], {
    fixed: [fixed('NM101', entity), fixed('NM102', '2')],
  });
}

/** A requester (or NOA information source) name: its type in NM101, a name, and one ID in NM108/NM109. */
export function requesterName(typeField: string, ids: Readonly<Record<string, string>>): SegmentRule {
  return seg('NM1', [
    v(typeField, 'NM101'),
    name('organizationName', { lastName: 'NM103', firstName: 'NM104' }),
    choice('NM108', 'NM109', ids),
  ]);
}

export interface MemberNameSpec {
  readonly entity: 'IL' | 'QC';
  readonly prefix?: boolean;
  readonly memberId?: boolean;
}

/** Subscriber (IL) or dependent (QC) name; always a person. */
export function memberName(spec: MemberNameSpec): SegmentRule {
  const fields: FieldRule[] = [v('lastName', 'NM103'), v('firstName', 'NM104'), v('middleName', 'NM105')];
  if (spec.prefix) fields.push(v('prefix', 'NM106'));
  fields.push(v('suffix', 'NM107'));
  if (spec.memberId) fields.push(v('memberId', 'NM109', ['NM108', 'MI']));
  return seg('NM1', fields, { fixed: [fixed('NM101', spec.entity), fixed('NM102', '1')] });
}

export function demographics(gender: boolean): SegmentRule {
  const fields: FieldRule[] = [v('dateOfBirth', 'DMG02', ['DMG01', 'D8'])];
  if (gender) fields.push(v('genderCode', 'DMG03'));
  return seg('DMG', fields);
}

/** Subscriber relationship: INS02 is always 18 (self). */
export const SUBSCRIBER_RELATIONSHIP = seg('INS', [v('insuredIndicator', 'INS01'), v('militaryRelationship', 'INS08')], {
  fixed: [fixed('INS02', '18')],
});

export const DEPENDENT_RELATIONSHIP = seg('INS', [
  v('insuredIndicator', 'INS01'), v('relationshipToInsuredCode', 'INS02'), v('birthSequenceNumber', 'INS17'),
]);

export interface ProviderSpec {
  /** JSON fields of `providerSupplementalInformation` that have a REF (state license aside). */
  readonly refs: readonly (keyof typeof PROVIDER_REF01)[];
  readonly contact?: readonly ContactField[];
  /** Response loops carry the provider's AAA array. */
  readonly validation?: string;
}

/** A provider name loop (2010EA, 2010F, 2010FA). */
export function providerSegments(spec: ProviderSpec): SegmentRule[] {
  const qualifiers: Record<string, string> = {};
  for (const field of spec.refs) qualifiers[field] = PROVIDER_REF01[field];
  const segments: SegmentRule[] = [
    seg('NM1', [
      v('entityIdentifierCode', 'NM101'),
      name('organizationName', { lastName: 'NM103', firstName: 'NM104', middleName: 'NM105', namePrefix: 'NM106', nameSuffix: 'NM107' }),
      v('identificationCodeQualifier', 'NM108'),
      v('identifier', 'NM109'),
    ]),
    // The state code beside a state license number has no element of its own; REF03 is the one free place.
    seg('REF', [
      v('providerSupplementalInformation.stateLicenseNumber', 'REF02'),
      v('providerSupplementalInformation.licenseNumberStateCode', 'REF03'),
    ], { key: [fixed('REF01', '0B')] }),
    ...refs(qualifiers, 'providerSupplementalInformation.'),
    ...ADDRESS,
  ];
  if (spec.contact) segments.push(contact(spec.contact));
  if (spec.validation) segments.push(validation(spec.validation));
  segments.push(providerSpecialty('providerTaxonomyCode'));
  return segments;
}

/** Transport location (request 2010EB, response 2010EC): NM1*PW|ND|R3|FS|45*2*name, N3, N4. */
export function transportSegments(nameField: string, validationArray?: string): SegmentRule[] {
  const segments: SegmentRule[] = [
    seg('NM1', [v('entityIdentifierCode', 'NM101'), v(nameField, 'NM103')], { fixed: [fixed('NM102', '2')] }),
    ...TRANSPORT_ADDRESS,
  ];
  if (validationArray) segments.push(validation(validationArray));
  return segments;
}

// ---------------------------------------------------------------------------------------------------------------
// Level segments

/** UM01–UM04: request category, certification type, service type, facility code:qualifier. */
export const REVIEW_CODES: readonly FieldRule[] = [
  v('requestCategoryCode', 'UM01'), v('certificationTypeCode', 'UM02'), v('serviceTypeCode', 'UM03'),
  v('facilityTypeCode', 'UM04-1'), v('facilityCodeQualifier', 'UM04-2'),
];

/** UM05–UM10 of the submission's patient event. */
export const REVIEW_DETAILS: readonly FieldRule[] = [
  v('relatedCausesCode1', 'UM05-1'), v('relatedCausesCode2', 'UM05-2'), v('relatedCausesCode3', 'UM05-3'),
  v('stateCode', 'UM05-4'), v('countryCode', 'UM05-5'), v('levelOfServiceCode', 'UM06'),
  v('currentHealthConditionCode', 'UM07'), v('prognosisCode', 'UM08'), v('releaseOfInformationCode', 'UM09'),
  v('delayReasonCode', 'UM10'),
];

/** HCR01–HCR04: the decision. */
export function decision(full: boolean): SegmentRule {
  const fields: FieldRule[] = [v('certificationActionCode', 'HCR01')];
  if (full) {
    fields.push(v('reviewIdentificationNumber', 'HCR02'), v('reviewDecisionReasonCode', 'HCR03'), v('secondSurgicalOpinionIndicator', 'HCR04'));
  }
  return seg('HCR', fields);
}

/** REF*BB / REF*NT at a level. */
export function levelReferences(authorization: string, administrative: string): SegmentRule[] {
  return refs({ [authorization]: 'BB', [administrative]: 'NT' });
}

/** HI01 only: one diagnosis as type:code (inquiry). */
export const SINGLE_DIAGNOSIS = seg('HI', [v('diagnosisTypeCode', 'HI01-1'), v('diagnosisCode', 'HI01-2')]);

/** HI01–HI12: diagnosisTypeCodeN:diagnosisCodeN, and D8:diagnosisDateN when dated (submission). */
export function numberedDiagnoses(): SegmentRule {
  const fields: FieldRule[] = [];
  for (let n = 1; n <= 12; n++) {
    const hi = `HI${String(n).padStart(2, '0')}`;
    fields.push(
      v(`diagnosisTypeCode${n}`, `${hi}-1`), v(`diagnosisCode${n}`, `${hi}-2`),
      v(`diagnosisDate${n}`, `${hi}-4`, [`${hi}-3`, 'D8']),
    );
  }
  return seg('HI', fields);
}

/** HSD01–HSD08 from fields of one object (`prefix` ends with "." when nested). */
export function delivery(prefix: string, quantityField: string): SegmentRule {
  return seg('HSD', [
    v(prefix + 'quantityQualifier', 'HSD01'), v(prefix + quantityField, 'HSD02'),
    v(prefix + 'unitOrBasisForMeasurementCode', 'HSD03'), v(prefix + 'sampleSelectionModulus', 'HSD04'),
    v(prefix + 'timePeriodQualifier', 'HSD05'), v(prefix + 'periodCount', 'HSD06'),
    v(prefix + 'deliveryFrequencyCode', 'HSD07'), v(prefix + 'deliveryPatternTimeCode', 'HSD08'),
  ]);
}

/** PWK items of an `attachments` array; the control number goes to PWK06 with PWK05 AC. */
export const ATTACHMENTS = seg('PWK', [
  v('reportTypeCode', 'PWK01'), v('transmissionCode', 'PWK02'), v('controlNumber', 'PWK06', ['PWK05', 'AC']),
  v('description', 'PWK07'),
], { each: 'attachments' });

export const MESSAGE = seg('MSG', [v('freeFormMessageText', 'MSG01')]);

export const SERVICE_DATE = dtp('472', 'serviceDateBegin', 'serviceDateEnd');

/** Procedure composite C003 (SV101, SV202, SV301): qualifier, code, modifiers 1–4, description, range end. */
export function procedure(element: string, modifiers: readonly string[], opts: { qualifier?: boolean; description?: boolean } = {}): FieldRule[] {
  const fields: FieldRule[] = [];
  if (opts.qualifier !== false) fields.push(v('productOrServiceIDQualifier', `${element}-1`));
  fields.push(v('procedureCode', `${element}-2`));
  modifiers.forEach((field, i) => fields.push(v(field, `${element}-${i + 3}`)));
  if (opts.description !== false) fields.push(v('procedureCodeDescription', `${element}-7`));
  fields.push(v('procedureCode2', `${element}-8`));
  return fields;
}

export const REQUEST_MODIFIERS = ['procedureModifier1', 'procedureModifier2', 'procedureModifier3', 'procedureModifier4'];
export const RESPONSE_MODIFIERS = ['procedureModifier', 'procedureModifier2', 'procedureModifier3', 'procedureModifier4'];

/** Prefixes every field of a segment with an object path such as "professionalService.". */
export function nested(prefix: string, rule: SegmentRule): SegmentRule {
  return { ...rule, fields: rule.fields.map((f) => prefixRule(prefix, f)) };
}

function prefixRule(prefix: string, rule: FieldRule): FieldRule {
  switch (rule.kind) {
    case 'value':
      return { ...rule, field: prefix + rule.field };
    case 'period':
      return rule.end ? { ...rule, begin: prefix + rule.begin, end: prefix + rule.end } : { ...rule, begin: prefix + rule.begin };
    case 'choice':
    case 'pairs':
      return { ...rule, choices: rule.choices.map((c) => ({ ...c, field: prefix + c.field })) };
    case 'name':
      return { ...rule, organization: prefix + rule.organization, person: rule.person.map((p) => ({ ...p, field: prefix + p.field })) };
  }
}

/** TOO*JP*tooth*surfaces. */
export function tooth(surfaces: readonly string[], each?: string): SegmentRule {
  const fields: FieldRule[] = [v('toothCode', 'TOO02'), ...surfaces.map((field, i) => v(field, `TOO03-${i + 1}`))];
  return seg('TOO', fields, { fixed: [fixed('TOO01', 'JP')], ...(each ? { each } : {}) });
}

/** SV3 always names the ADA code set in SV301-1. */
export const DENTAL_CODE_SET = fixed('SV301-1', 'AD');
