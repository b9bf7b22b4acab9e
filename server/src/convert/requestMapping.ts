// The three request kinds: InquiryJSONRequest → 005010X215, AuthorizationSubmissionJSON → 005010X217 (request) and
// AuthorizationNoaJSON → 005010X216. Field names are Optum's (shared/reference/optum-prior-auth-api.md §5); positions
// follow §9 there and x12-278-structure.md §2, §4, §6 and §7.

import {
  ADDRESS, ATTACHMENTS, DENTAL_CODE_SET, DEPENDENT_REF01, DEPENDENT_RELATIONSHIP, MESSAGE, REQUESTER_NM108,
  REQUESTER_REF01, REQUEST_MODIFIERS, REVIEW_CODES, REVIEW_DETAILS, SERVICE_DATE, SINGLE_DIAGNOSIS, SUBSCRIBER_REF01,
  SUBSCRIBER_RELATIONSHIP, contact, decision, delivery, demographics, levelReferences, memberName, nested,
  numberedDiagnoses, procedure, providerSegments, providerSpecialty, requesterName, tooth, transportSegments, umoName,
  type ProviderSpec,
} from './fragments';
import { dtp, fixed, period, refs, seg, v, type EnvelopeRule, type Layout, type LevelRule, type NameLoopRule, type SegmentRule } from './rules';

const ENVELOPE: EnvelopeRule = {
  senderId: 'senderId', receiverId: 'umClearingHouseId', receiverFrom: 'ISA08', transactionId: 'submitterTransactionIdentifier',
};

const EVENT_PROVIDER_REFS: ProviderSpec['refs'] = [
  'providerUpinNumber', 'facilityIdNumber', 'employersIdentificationNumber', 'providerPlanNetworkIdentificationNumber',
  'facilityNetworkIdentificationNumber', 'ssn', 'carrierAssignedReferenceNumber',
];

function requesterSegments(typeField: string, ids: Readonly<Record<string, string>>): SegmentRule[] {
  return [
    requesterName(typeField, ids),
    ...refs(REQUESTER_REF01, 'requesterIdentification.'),
    ...ADDRESS,
    contact(['contactTelephone', 'contactTelephoneExtension', 'contactFacsimile', 'contactElectronicMail']),
    providerSpecialty('referenceIdentification'),
  ];
}

// The submission schema has no requester.payorId.
const SUBMISSION_REQUESTER_NM108 = { npi: 'XX', employersId: '24', ssn: '34', etin: '46', servicesPlanID: 'XV' };

interface RequestParts {
  readonly umoEntity: string;
  readonly requester: readonly SegmentRule[];
  readonly subscriber: readonly SegmentRule[];
  readonly dependent: readonly SegmentRule[];
  readonly event: readonly SegmentRule[];
  readonly eventLoops: readonly NameLoopRule[];
  readonly service: readonly SegmentRule[];
  readonly serviceProvider: readonly SegmentRule[];
  /** X216: 2000A is the information source (the requester), 2000B the receiver (the payer). */
  readonly sourceFirst?: boolean;
}

function requestLevels(p: RequestParts): LevelRule[] {
  const umo: NameLoopRule = { loop: p.sourceFirst ? '2010B' : '2010A', json: '', required: true, segments: [umoName(p.umoEntity)] };
  const requester: NameLoopRule = {
    loop: p.sourceFirst ? '2010A' : '2010B', json: p.sourceFirst ? 'source' : 'requester', required: true, segments: p.requester,
  };
  return [
    { loop: '2000A', code: '20', parents: [], json: '', required: true, segments: [], loops: [p.sourceFirst ? requester : umo] },
    { loop: '2000B', code: '21', parents: ['20'], json: '', required: true, segments: [], loops: [p.sourceFirst ? umo : requester] },
    {
      loop: '2000C', code: '22', parents: ['21'], json: '', required: true, segments: [],
      loops: [{ loop: '2010C', json: 'subscriber', required: true, segments: p.subscriber }],
    },
    {
      loop: '2000D', code: '23', parents: ['22'], json: '', segments: [],
      loops: [{ loop: '2010D', json: 'dependent', segments: p.dependent }],
    },
    { loop: '2000E', code: 'EV', parents: ['23', '22'], json: 'patientEventDetail', required: true, segments: p.event, loops: p.eventLoops },
    {
      loop: '2000F', code: 'SS', parents: ['EV'], json: 'serviceLevel', repeats: true, segments: p.service,
      loops: [{ loop: '2010F', json: 'serviceProviderName', repeats: true, segments: p.serviceProvider }],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Inquiry (X215)

const INQUIRY_EVENT: readonly SegmentRule[] = [
  seg('UM', REVIEW_CODES),
  // The inquiry schema carries an action code and certification dates (to find an existing review); HCR and DTP
  // 102/036/007 are their only homes, though the inferred X215 table does not list them.
  decision(false),
  ...levelReferences('previousReviewAuthorizationNumber', 'previousAdministrativeReferenceNumber'),
  dtp('439', 'accidentDate'),
  dtp('AAH', 'eventDateBegin', 'eventDateEnd'),
  dtp('435', 'admissionDateBegin', 'admissionDateEnd'),
  dtp('096', 'dischargeDate'),
  dtp('102', 'certificationIssueDateBegin', 'certificationIssueDateEnd'),
  dtp('036', 'certificationExpirationDateBegin', 'certificationExpirationDateEnd'),
  dtp('007', 'certificationEffectiveDateBegin', 'certificationEffectiveDateEnd'),
  dtp('881', 'healthCareServicesReviewRequestDate'),
  SINGLE_DIAGNOSIS,
];

const INQUIRY_SERVICE: readonly SegmentRule[] = [
  seg('UM', REVIEW_CODES),
  decision(false),
  ...levelReferences('previousReviewAuthorizationNumber', 'previousAdministrativeReferenceNumber'),
  SERVICE_DATE,
  dtp('102', 'certificationIssueDateBegin', 'certificationIssueDateEnd'),
  dtp('036', 'certificationExpirationDateBegin', 'certificationExpirationDateEnd'),
  dtp('007', 'certificationEffectiveDateBegin', 'certificationEffectiveDateEnd'),
  nested('professionalService.', seg('SV1', [
    ...procedure('SV101', [], { description: false }), v('unitOrBasisForMeasurementCode', 'SV103'), v('serviceUnitCount', 'SV104'),
  ])),
  nested('institutionalService.', seg('SV2', [
    v('serviceLineRevenueCode', 'SV201'), ...procedure('SV202', [], { description: false }),
    v('unitOrBasisForMeasurementCode', 'SV204'), v('serviceUnitCount', 'SV205'),
  ])),
  // Five ADA codes fit SV304 (oral cavity designation) in the response schema, so the inquiry's one goes to SV304-1.
  nested('dentalService.', seg('SV3', [
    ...procedure('SV301', [], { qualifier: false, description: false }), v('americanDentalAssociationCodes', 'SV304-1'),
    v('prosthesisCrownOrInlayCode', 'SV305'), v('serviceUnitCount', 'SV306'),
  ], { fixed: [DENTAL_CODE_SET] })),
  nested('toothInformation.', tooth(['toothSurfaceCode'])),
];

export const INQUIRY_REQUEST: Layout = {
  kind: 'inquiry',
  variant: 'request',
  schema: 'InquiryJSONRequest',
  version: '005010X215',
  bht02: '28',
  envelope: ENVELOPE,
  levels: requestLevels({
    umoEntity: 'PR',
    requester: requesterSegments('requesterType', REQUESTER_NM108),
    subscriber: [memberName({ entity: 'IL', memberId: true }), ...refs(SUBSCRIBER_REF01, 'supplementalIdentification.'), demographics(false)],
    dependent: [memberName({ entity: 'QC' }), ...refs(DEPENDENT_REF01, 'supplementalIdentification.'), demographics(false)],
    event: INQUIRY_EVENT,
    eventLoops: [{ loop: '2010EA', json: 'patientEventProviderName', repeats: true, segments: providerSegments({ refs: EVENT_PROVIDER_REFS }) }],
    service: INQUIRY_SERVICE,
    serviceProvider: providerSegments({ refs: [...EVENT_PROVIDER_REFS, 'providerSiteNumber'] }),
  }),
  unmapped: [
    {
      field: 'requester.requesterIdentification.federalTaxpayerIdentificationNumber',
      reason: 'the requester REF (2010B) has no qualifier for a federal taxpayer ID; employerIdentificationNumber (REF*EI) is the one the guide takes',
    },
    {
      field: 'dependent.supplementalIdentification.employeeIdentificationNumber',
      reason: 'the dependent REF (2010D) takes only a patient account number (EJ) and an SSN (SY)',
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Submission (X217) and notice of admission (X216)

const CERTIFICATION_CONDITIONS: Readonly<Record<string, string>> = {
  ambulance: '07', chiropractic: '08', durableMedicalEquipment: '09', oxygenTherapy: '11', functionalLimitations: '75',
  activitiesPermitted: '76', mentalStatus: '77',
};

const CONDITION_SEGMENTS: readonly SegmentRule[] = Object.entries(CERTIFICATION_CONDITIONS).map(([prefix, code]) =>
  seg('CRC', [
    v(`${prefix}CertificationConditionIndicator`, 'CRC02'),
    ...[1, 2, 3, 4, 5].map((n) => v(`${prefix}CertificationConditionCode${n}`, `CRC0${n + 2}`)),
  ], { key: [fixed('CRC01', code)] }),
);

const SUBMISSION_EVENT_DATES: readonly SegmentRule[] = [
  dtp('439', 'accidentDate'),
  dtp('484', 'lastMenstrualPeriodDate'),
  dtp('ABC', 'estimatedDateOfBirth'),
  dtp('431', 'onsetDate'),
  dtp('AAH', 'eventDateBegin', 'eventDateEnd'),
  dtp('435', 'admissionDateBegin', 'admissionDateEnd'),
  dtp('096', 'dischargeDate'),
];

function submissionEvent(extraDates: readonly SegmentRule[]): SegmentRule[] {
  return [
    seg('UM', [...REVIEW_CODES, ...REVIEW_DETAILS]),
    ...levelReferences('previousReviewAuthorizationNumber', 'previousAdministrativeReferenceNumber'),
    ...SUBMISSION_EVENT_DATES,
    ...extraDates,
    numberedDiagnoses(),
    delivery('', 'serviceUnitCount'),
    ...CONDITION_SEGMENTS,
    nested('admissionToFacility.', seg('CL1', [
      v('admissionTypeCode', 'CL101'), v('admissionSourceCode', 'CL102'), v('patientStatusCode', 'CL103'),
      v('nursingHomeResidentialStatusCode', 'CL104'),
    ])),
    // The weight is written in pounds and the distance in miles: the schema has no unit fields.
    nested('ambulanceTransport.', seg('CR1', [
      v('patientWeight', 'CR102', ['CR101', 'LB']), v('transportCode', 'CR103'), v('transportReasonCode', 'CR104'),
      v('transportDistance', 'CR106', ['CR105', 'DH']), v('roundTripPurposeDescription', 'CR109'),
      v('stretcherPurposeDescription', 'CR110'),
    ])),
    nested('spinalManipulation.', seg('CR2', [
      v('treatmentSeriesNumber', 'CR201'), v('treatmentCount', 'CR202'), v('subluxationBeginningLevelCode', 'CR203'),
      v('subluxationEndLevelCode', 'CR204'), v('patientConditionCode', 'CR208'), v('complicationIndicator', 'CR209'),
      v('patientConditionDescription1', 'CR210'), v('patientConditionDescription2', 'CR211'),
      v('xrayAvailabilityIndicator', 'CR212'),
    ])),
    nested('homeOxygenTherapyInformation.', seg('CR5', [
      v('equipmentTypeCode1', 'CR503'), v('equipmentTypeCode2', 'CR504'), v('equipmentReasonDescription', 'CR505'),
      v('flowRate', 'CR506'), v('dailyUseCount', 'CR507'), v('usePeriodHourCount', 'CR508'),
      v('respiratoryTherapistOrderText', 'CR509'), v('arterialBloodGasQuantity', 'CR510'), v('saturationQuantity', 'CR511'),
      v('testConditionCode', 'CR512'), v('testFindingsCode1', 'CR513'), v('testFindingsCode2', 'CR514'),
      v('testFindingsCode3', 'CR515'), v('portableSystemFlowRate', 'CR516'), v('deliverySystemCode', 'CR517'),
      v('equipmentTypeCode3', 'CR518'),
    ])),
    nested('homeHealth.', seg('CR6', [
      v('prognosisCode', 'CR601'), v('startDate', 'CR602'),
      period('certificationPeriodStartDate', 'certificationPeriodEndDate', 'CR603', 'CR604', true),
      v('medicareCoverageIndicator', 'CR607'), v('certificationTypeCode', 'CR608'), v('surgeryDate', 'CR609'),
      v('productOrServiceQualifier', 'CR610'), v('surgicalProcedureCode', 'CR611'), v('physicalOrderDate', 'CR612'),
      v('lastVisitDate', 'CR613'), v('physicianContactDate', 'CR614'),
      period('lastAdmissionPeriodStartDate', 'lastAdmissionPeriodEndDate', 'CR615', 'CR616', true),
      v('patientLocationCode', 'CR617'),
    ])),
    ATTACHMENTS,
    MESSAGE,
  ];
}

const OTHER_UMO: readonly SegmentRule[] = [
  seg('NM1', [v('entityIdentifierCode', 'NM101'), v('otherUmoName', 'NM103')], { fixed: [fixed('NM102', '2')] }),
  // Reasons 2–4 ride in REF04 as ZZ-qualified components.
  seg('REF', [
    v('otherUmoDenialReason1', 'REF02'), v('otherUmoDenialReason2', 'REF04-2', ['REF04-1', 'ZZ']),
    v('otherUmoDenialReason3', 'REF04-4', ['REF04-3', 'ZZ']), v('otherUmoDenialReason4', 'REF04-6', ['REF04-5', 'ZZ']),
  ], { key: [fixed('REF01', 'ZZ')] }),
  dtp('598', 'otherUmoDenialDate'),
];

const SUBMISSION_EVENT_LOOPS: readonly NameLoopRule[] = [
  {
    loop: '2010EA', json: 'patientEventProviderName', repeats: true,
    segments: providerSegments({
      refs: EVENT_PROVIDER_REFS,
      contact: ['contactTelephone', 'contactTelephoneExtension', 'contactFacsimile', 'contactElectronicMail'],
    }),
  },
  { loop: '2010EB', json: 'patientEventTransportInformation', repeats: true, segments: transportSegments('transportLocationName') },
  { loop: '2010EC', json: 'patientEventOtherUmoName', repeats: true, segments: OTHER_UMO },
];

const SUBMISSION_SERVICE: readonly SegmentRule[] = [
  seg('UM', REVIEW_CODES),
  ...levelReferences('previousReviewAuthorizationNumber', 'previousAdministrativeReferenceNumber'),
  SERVICE_DATE,
  nested('professionalService.', seg('SV1', [
    ...procedure('SV101', REQUEST_MODIFIERS), v('serviceLineAmount', 'SV102'), v('unitOrBasisForMeasurementCode', 'SV103'),
    v('serviceUnitCount', 'SV104'), v('diagnosisCodePointer1', 'SV107-1'), v('diagnosisCodePointer2', 'SV107-2'),
    v('diagnosisCodePointer3', 'SV107-3'), v('diagnosisCodePointer4', 'SV107-4'), v('epsdtIndicator', 'SV111'),
    v('nursingHomeLevelOfCare', 'SV120'),
  ])),
  nested('institutionalService.', seg('SV2', [
    v('serviceLineRevenueCode', 'SV201'), ...procedure('SV202', REQUEST_MODIFIERS), v('serviceLineAmount', 'SV203'),
    v('unitOrBasisForMeasurementCode', 'SV204'), v('serviceUnitCount', 'SV205'), v('serviceLineRate', 'SV206'),
    v('nursingHomeResidentialStatusCode', 'SV209'), v('nursingHomeLevelOfCare', 'SV210'),
  ])),
  nested('dentalService.', seg('SV3', [
    ...procedure('SV301', REQUEST_MODIFIERS, { qualifier: false }), v('serviceLineAmount', 'SV302'),
    v('oralCavityDesignationCode', 'SV304-1'), v('oralCavityDesignationCode2', 'SV304-2'),
    v('oralCavityDesignationCode3', 'SV304-3'), v('oralCavityDesignationCode4', 'SV304-4'),
    v('oralCavityDesignationCode5', 'SV304-5'), v('prosthesisCrownOrInlayCode', 'SV305'), v('serviceUnitCount', 'SV306'),
    v('description', 'SV307'),
  ], { fixed: [DENTAL_CODE_SET] })),
  tooth(['toothSurfaceCode1', 'toothSurfaceCode2', 'toothSurfaceCode3', 'toothSurfaceCode4', 'toothSurfaceCode5'], 'toothInformation'),
  delivery('healthCareServiceDelivery.', 'serviceQuantity'),
  ATTACHMENTS,
  MESSAGE,
];

const SUBMISSION_SUBSCRIBER: readonly SegmentRule[] = [
  memberName({ entity: 'IL', memberId: true }),
  ...refs(SUBSCRIBER_REF01, 'supplementalIdentification.'),
  ...ADDRESS,
  demographics(true),
  SUBSCRIBER_RELATIONSHIP,
];

const SUBMISSION_DEPENDENT: readonly SegmentRule[] = [
  memberName({ entity: 'QC' }),
  ...refs(DEPENDENT_REF01, 'supplementalIdentification.'),
  ...ADDRESS,
  demographics(true),
  DEPENDENT_RELATIONSHIP,
];

const SUBMISSION_SERVICE_PROVIDER = providerSegments({
  refs: EVENT_PROVIDER_REFS, contact: ['contactTelephone', 'contactFacsimile', 'contactElectronicMail'],
});

export const SUBMISSION_REQUEST: Layout = {
  kind: 'submission',
  variant: 'request',
  schema: 'AuthorizationSubmissionJSON',
  version: '005010X217',
  bht02: '13',
  envelope: ENVELOPE,
  levels: requestLevels({
    umoEntity: 'X3',
    requester: requesterSegments('requesterType', SUBMISSION_REQUESTER_NM108),
    subscriber: SUBMISSION_SUBSCRIBER,
    dependent: SUBMISSION_DEPENDENT,
    event: submissionEvent([]),
    eventLoops: SUBMISSION_EVENT_LOOPS,
    service: SUBMISSION_SERVICE,
    serviceProvider: SUBMISSION_SERVICE_PROVIDER,
  }),
  unmapped: [],
};

/**
 * The schema gives the NOA the submission's shape, but Optum's own NOA example names the notifier `source` (with
 * `sourceType`) and adds certification dates; both forms are read, and `source` is what x12ToJson writes.
 */
export const NOA_REQUEST: Layout = {
  kind: 'noa',
  variant: 'request',
  schema: 'AuthorizationNoaJSON',
  version: '005010X216',
  bht02: 'CN',
  bht06: 'NO',
  envelope: ENVELOPE,
  levels: requestLevels({
    umoEntity: 'X3',
    requester: requesterSegments('sourceType', SUBMISSION_REQUESTER_NM108),
    subscriber: SUBMISSION_SUBSCRIBER,
    dependent: SUBMISSION_DEPENDENT,
    event: submissionEvent([
      dtp('102', 'certificationIssueDateBegin', 'certificationIssueDateEnd'),
      dtp('036', 'certificationExpirationDateBegin', 'certificationExpirationDateEnd'),
      dtp('007', 'certificationEffectiveDateBegin', 'certificationEffectiveDateEnd'),
    ]),
    eventLoops: SUBMISSION_EVENT_LOOPS,
    service: SUBMISSION_SERVICE,
    serviceProvider: SUBMISSION_SERVICE_PROVIDER,
    sourceFirst: true,
  }),
  unmapped: [],
  aliases: { source: { name: 'requester', fields: { sourceType: 'requesterType' } } },
};
