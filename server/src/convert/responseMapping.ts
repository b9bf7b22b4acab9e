// The response kinds, read by x12ToJson: X215 response → AuthorizationJSONResponse, X217 and X216 responses →
// SubmissionJSONResponse / NoaJSONResponse (the same shape). Field names follow Optum's schemas and, where the
// example responses use names the schemas lack (requester.lastName, requester.employersId,
// subscriber.supplementalIdentification.patientAccountNumber), the examples (shared/reference/optum-prior-auth-api.md
// §6). Loop IDs are the X217 response's: 2010EB is the L5 contact, 2010EC the transport location, 2010FA/2010FB the
// service provider and contact.

import {
  ADDRESS, ATTACHMENTS, DENTAL_CODE_SET, DEPENDENT_REF01, DEPENDENT_RELATIONSHIP, MESSAGE, PROVIDER_REF01,
  REQUESTER_NM108, REQUESTER_REF01, RESPONSE_MODIFIERS, REVIEW_CODES, SERVICE_DATE, SINGLE_DIAGNOSIS, SUBSCRIBER_REF01,
  SUBSCRIBER_RELATIONSHIP, contact, decision, delivery, demographics, levelReferences, memberName, nested,
  numberedDiagnoses, procedure, providerSegments, providerSpecialty, requesterName, tooth, transportSegments, umoName,
  validation, type ProviderSpec,
} from './fragments';
import { dtp, fixed, name, period, refs, seg, v, type Layout, type NameLoopRule, type SegmentRule } from './rules';
import type { RequestKind } from './types';

const ALL_CONTACTS = ['contactTelephone', 'contactTelephoneExtension', 'contactFacsimile', 'contactElectronicMail', 'contactUrl'] as const;
const ALL_PROVIDER_REFS = Object.keys(PROVIDER_REF01) as ProviderSpec['refs'][number][];

/** The L5 "additional information contact" loops (2010EB, 2010FB). */
const CONTACT_NAME: readonly SegmentRule[] = [
  seg('NM1', [
    name('organizationName', { lastName: 'NM103', firstName: 'NM104', middleName: 'NM105', nameSuffix: 'NM107' }),
    v('identificationCodeQualifier', 'NM108'), v('identifier', 'NM109'),
  ], { fixed: [fixed('NM101', 'L5')] }),
  ...ADDRESS,
  contact(['contactTelephone', 'contactFacsimile', 'contactElectronicMail']),
];

function eventSegments(inquiry: boolean): SegmentRule[] {
  return [
    // The inquiry schema names the event-level AAA array dependentRequestValidation (sic).
    validation(inquiry ? 'dependentRequestValidation' : 'patientEventRequestValidation'),
    seg('UM', [...REVIEW_CODES, v('levelOfServiceCode', 'UM06')]),
    decision(true),
    ...levelReferences('previousReviewAuthorizationNumber', inquiry ? 'previousAdministrativeReferenceNumber' : 'administrativeReferenceNumber'),
    dtp('439', 'accidentDate'),
    dtp('484', 'lastMenstrualPeriodDate'),
    dtp('ABC', 'estimatedDateOfBirth'),
    dtp('431', 'onsetOfCurrentSymptomsOrIllnessDate'),
    dtp('AAH', 'eventDateBegin', 'eventDateEnd'),
    dtp('435', 'admissionDateBegin', 'admissionDateEnd'),
    dtp('096', 'dischargeDate'),
    dtp('102', 'certificationIssueDate'),
    dtp('036', 'certificationExpirationDate'),
    dtp('007', 'certificationEffectiveDateBegin', 'certificationEffectiveDateEnd'),
    dtp('881', 'healthCareServicesReviewRequestDateBegin', 'healthCareServicesReviewRequestDateEnd'),
    inquiry ? SINGLE_DIAGNOSIS : numberedDiagnoses(),
    delivery('', 'serviceUnitCount'),
    seg('CL1', [
      v('institutionalAdmissionTypeCode', 'CL101'), v('institutionalAdmissionSourceCode', 'CL102'),
      v('institutionalPatientStatusCode', 'CL103'),
    ]),
    seg('CR1', [
      v('ambulanceTransportCode', 'CR103'), v('ambulanceUnitOrBasisForMeasurementCode', 'CR105'),
      v('ambulanceTransportDistance', 'CR106'),
    ]),
    seg('CR2', [
      v('spinalManipulationTreatmentSeriesNumber', 'CR201'), v('spinalManipulationTreatmentCount', 'CR202'),
      v('spinalManipulationSubluxationLevelCode', 'CR203'), v('spinalManipulationSubluxationLevelCode2', 'CR204'),
    ]),
    seg('CR5', [
      v('oxygenEquipmentTypeCode', 'CR503'), v('oxygenEquipmentTypeCode2', 'CR504'), v('oxygenFlowRate', 'CR506'),
      v('dailyOxygenUseCount', 'CR507'), v('oxygenUsePeriodHourCount', 'CR508'), v('respiratoryTherapistOrderText', 'CR509'),
      v('portableOxygenSystemFlowRate', 'CR516'), v('oxygenDeliverySystemCode', 'CR517'), v('oxygenSystemTypeCode', 'CR518'),
    ]),
    seg('CR6', [
      v('homeHealthPrognosisCode', 'CR601'), v('homeHealthStartDate', 'CR602'),
      // The inquiry schema keeps the whole RD8 period in one field; the submission schema has only its start.
      inquiry ? v('homeHealthCertificationPeriod', 'CR604', ['CR603', 'RD8']) : period('homeHealthCertificationPeriodStartDate', undefined, 'CR603', 'CR604', true),
      v('homeHealthMedicareCoverageIndicator', 'CR607'), v('homeHealthCertificationTypeCode', 'CR608'),
    ]),
    ATTACHMENTS,
    MESSAGE,
  ];
}

function eventLoops(inquiry: boolean): NameLoopRule[] {
  return [
    {
      loop: '2010EA', json: 'patientEventProviderName', repeats: true,
      segments: providerSegments({ refs: ALL_PROVIDER_REFS, contact: ALL_CONTACTS, validation: 'patientEventProviderRequestValidation' }),
    },
    { loop: '2010EB', json: 'patientEventAdditionalPatientInformationContactName', repeats: true, segments: CONTACT_NAME },
    {
      loop: '2010EC', json: 'patientEventTransportInformation', repeats: true,
      segments: transportSegments(inquiry ? 'organizationName' : 'transportLocationName', 'patientEventTransportInformationValidation'),
    },
  ];
}

function serviceSegments(inquiry: boolean): SegmentRule[] {
  return [
    validation('serviceRequestValidation'),
    seg('UM', REVIEW_CODES),
    decision(true),
    ...levelReferences('previousReviewAuthorizationNumber', inquiry ? 'previousAdministrativeReferenceNumber' : 'administrativeReferenceNumber'),
    SERVICE_DATE,
    dtp('102', 'certificationIssueDate'),
    dtp('036', 'certificationExpirationDate'),
    dtp('007', 'certificationEffectiveDateBegin', 'certificationEffectiveDateEnd'),
    nested('professionalService.', seg('SV1', [
      ...procedure('SV101', RESPONSE_MODIFIERS), v('serviceLineAmount', 'SV102'), v('unitOrBasisForMeasurementCode', 'SV103'),
      v('serviceUnitCount', 'SV104'), v('epsdtIndicator', 'SV111'), v('nursingHomeLevelOfCareCode', 'SV120'),
    ])),
    nested('institutionalService.', seg('SV2', [
      v('serviceLineRevenueCode', 'SV201'), ...procedure('SV202', RESPONSE_MODIFIERS), v('serviceLineAmount', 'SV203'),
      v('unitOrBasisForMeasurementCode', 'SV204'), v('serviceUnitCount', 'SV205'), v('serviceLineRate', 'SV206'),
      v('nursingHomeLevelOfCare', 'SV210'),
    ])),
    nested('dentalService.', seg('SV3', [
      ...procedure('SV301', RESPONSE_MODIFIERS, { qualifier: false }), v('serviceLineAmount', 'SV302'),
      v('americanDentalAssociationCodes', 'SV304-1'), v('americanDentalAssociationCodes2', 'SV304-2'),
      v('americanDentalAssociationCodes3', 'SV304-3'), v('americanDentalAssociationCodes4', 'SV304-4'),
      v('americanDentalAssociationCodes5', 'SV304-5'), v('prosthesisCrownOrInlayCode', 'SV305'), v('serviceUnitCount', 'SV306'),
    ], { fixed: [DENTAL_CODE_SET] })),
    tooth(['toothSurfaceCode', 'toothSurfaceCode2', 'toothSurfaceCode3', 'toothSurfaceCode4', 'toothSurfaceCode5'], 'toothInformation'),
    delivery('', 'serviceUnitCount'),
    ATTACHMENTS,
    MESSAGE,
  ];
}

function responseLayout(kind: RequestKind): Layout {
  const inquiry = kind === 'inquiry';
  return {
    kind,
    variant: 'response',
    schema: inquiry ? 'AuthorizationJSONResponse' : kind === 'noa' ? 'NoaJSONResponse' : 'SubmissionJSONResponse',
    version: inquiry ? '005010X215' : kind === 'noa' ? '005010X216' : '005010X217',
    bht02: inquiry ? '49' : '11',
    envelope: { receiverId: 'umClearingHouseId', receiverFrom: 'GS03', transactionId: 'submitterTransactionIdentifier' },
    levels: [
      {
        loop: '2000A', code: '20', parents: [], json: '', required: true, segments: [validation('requestValidation')],
        loops: [{
          loop: '2010A', json: '', required: true,
          segments: [umoName(inquiry ? 'PR' : 'X3'), contact(ALL_CONTACTS), validation('umRequestValidation')],
        }],
      },
      {
        loop: '2000B', code: '21', parents: ['20'], json: '', segments: [],
        loops: [{
          loop: '2010B', json: 'requester',
          segments: [
            requesterName('requesterType', REQUESTER_NM108),
            ...refs(REQUESTER_REF01, 'requesterIdentification.'),
            validation('requesterRequestValidation'),
            providerSpecialty('referenceIdentification'),
          ],
        }],
      },
      {
        loop: '2000C', code: '22', parents: ['21'], json: '', segments: [],
        loops: [{
          loop: '2010C', json: 'subscriber',
          segments: [
            memberName({ entity: 'IL', prefix: true, memberId: true }),
            ...refs(SUBSCRIBER_REF01, 'supplementalIdentification.'),
            ...ADDRESS,
            validation('subscriberRequestValidation'),
            demographics(true),
            SUBSCRIBER_RELATIONSHIP,
          ],
        }],
      },
      {
        loop: '2000D', code: '23', parents: ['22'], json: '', segments: [],
        loops: [{
          loop: '2010D', json: 'dependent',
          segments: [
            memberName({ entity: 'QC' }),
            ...refs(DEPENDENT_REF01, 'supplementalIdentification.'),
            ...ADDRESS,
            validation('dependentRequestValidation'),
            demographics(true),
            DEPENDENT_RELATIONSHIP,
          ],
        }],
      },
      {
        loop: '2000E', code: 'EV', parents: ['23', '22'], json: 'patientEventDetail', segments: eventSegments(inquiry),
        loops: eventLoops(inquiry),
      },
      {
        loop: '2000F', code: 'SS', parents: ['EV'], json: 'serviceLevel', repeats: true, segments: serviceSegments(inquiry),
        loops: [
          {
            loop: '2010FA', json: 'serviceProviderName', repeats: true,
            segments: providerSegments({ refs: ALL_PROVIDER_REFS, contact: ALL_CONTACTS, validation: 'serviceProviderRequestValidation' }),
          },
          { loop: '2010FB', json: 'serviceDetailAdditionalServiceInformationContactName', repeats: true, segments: CONTACT_NAME },
        ],
      },
    ],
    unmapped: [],
  };
}

export const INQUIRY_RESPONSE = responseLayout('inquiry');
export const SUBMISSION_RESPONSE = responseLayout('submission');
export const NOA_RESPONSE = responseLayout('noa');
