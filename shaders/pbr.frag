#version 460
// glTF metallic-roughness shading: GGX / Smith / Schlick for the lights, a hemisphere for ambient
// (diffuse and a roughness-blurred specular with an analytic environment BRDF), then exposure and
// ACES tone mapping. The target is an _SRGB image, so the hardware encodes our linear output.
#extension GL_EXT_multiview : require
#include "common.glsl"

layout(set = 1, binding = 0) uniform sampler2D baseColorTex;
layout(set = 1, binding = 1) uniform sampler2D metallicRoughnessTex;
layout(set = 1, binding = 2) uniform sampler2D normalTex;
layout(set = 1, binding = 3) uniform sampler2D occlusionTex;
layout(set = 1, binding = 4) uniform sampler2D emissiveTex;

layout(location = 0) in vec3 inWorldPos;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec4 inUvA;  // base colour, metallic-roughness (transformed)
layout(location = 4) in vec4 inUvB;  // normal, occlusion
layout(location = 5) in vec4 inColor;
layout(location = 6) flat in uint inMaterial;
layout(location = 7) in vec2 inUvC;  // emissive

layout(location = 0) out vec4 outColor;

const float PI = 3.14159265359;

// Pipeline-level alpha mode (0 opaque, 1 mask, 2 blend). A specialization constant, so the
// opaque pipeline has no `discard` at all and keeps early depth testing.
layout(constant_id = 0) const int kAlphaMode = 0;

#define material materialTable.materials[inMaterial]

float distributionGGX(float NdotH, float a) {
  float a2 = a * a;
  float d = NdotH * NdotH * (a2 - 1.0) + 1.0;
  return a2 / (PI * d * d);
}

// Height-correlated Smith visibility (includes the 1/(4 NdotL NdotV) term).
float visibilitySmith(float NdotL, float NdotV, float a) {
  float a2 = a * a;
  float gv = NdotL * sqrt(NdotV * NdotV * (1.0 - a2) + a2);
  float gl = NdotV * sqrt(NdotL * NdotL * (1.0 - a2) + a2);
  float denom = gv + gl;
  return denom > 0.0 ? 0.5 / denom : 0.0;
}

vec3 fresnelSchlick(vec3 f0, float VdotH) {
  return f0 + (1.0 - f0) * pow(1.0 - VdotH, 5.0);
}

// Karis' analytic fit of the split-sum environment BRDF (mobile approximation).
vec2 envBrdf(float NdotV, float roughness) {
  const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
  const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
  vec4 r = roughness * c0 + c1;
  float a004 = min(r.x * r.x, exp2(-9.28 * NdotV)) * r.x + r.y;
  return vec2(-1.04, 1.04) * a004 + r.zw;
}

vec3 hemisphere(vec3 dir) {
  return mix(frame.groundColor.rgb, frame.skyColor.rgb, clamp(dir.y * 0.5 + 0.5, 0.0, 1.0));
}

vec3 acesFilm(vec3 x) {
  return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

vec3 shadingNormal(vec3 n, vec2 uvNormal) {
  if (material.flags.z < 0.5) return n;
  vec3 t;
  vec3 b;
  if (inTangent.w != 0.0) {
    t = normalize(inTangent.xyz - n * dot(n, inTangent.xyz));
    b = cross(n, t) * inTangent.w;
  } else {
    // No tangents in the asset: build the frame from screen-space derivatives (cotangent frame).
    vec3 dp1 = dFdx(inWorldPos);
    vec3 dp2 = dFdy(inWorldPos);
    vec2 duv1 = dFdx(uvNormal);
    vec2 duv2 = dFdy(uvNormal);
    vec3 dp2perp = cross(dp2, n);
    vec3 dp1perp = cross(n, dp1);
    t = dp2perp * duv1.x + dp1perp * duv2.x;
    b = dp2perp * duv1.y + dp1perp * duv2.y;
    float invmax = inversesqrt(max(max(dot(t, t), dot(b, b)), 1e-20));
    t *= invmax;
    b *= invmax;
    if (!gl_FrontFacing) {
      t = -t;
      b = -b;
    }
  }
  vec3 m = texture(normalTex, uvNormal).xyz * 2.0 - 1.0;
  m.xy *= material.factors.z;
  vec3 result = t * m.x + b * m.y + n * m.z;
  return dot(result, result) > 1e-12 ? normalize(result) : n;
}

void main() {
  vec4 base = material.baseColorFactor * inColor *
              texture(baseColorTex, inUvA.xy);
  if (kAlphaMode == 1 && base.a < material.flags.x) discard;
  float alpha = kAlphaMode == 2 ? base.a : 1.0;

  if (material.flags.w > 0.5) {  // KHR_materials_unlit
    outColor = vec4(acesFilm(base.rgb * frame.params.y), alpha);
    return;
  }

  vec3 n = normalize(inNormal);
  if (!gl_FrontFacing) n = -n;  // double-sided back faces
  n = shadingNormal(n, inUvB.xy);

  vec4 mr = texture(metallicRoughnessTex, inUvA.zw);
  float metallic = clamp(material.factors.x * mr.b, 0.0, 1.0);
  float roughness = clamp(material.factors.y * mr.g, 0.04, 1.0);
  float a = roughness * roughness;
  float ao = 1.0 + material.factors.w * (texture(occlusionTex, inUvB.zw).r - 1.0);

  vec3 v = normalize(frame.cameraPos[viewIndex()].xyz - inWorldPos);
  float NdotV = max(dot(n, v), 1e-4);
  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
  vec3 diffuseColor = base.rgb * (1.0 - metallic);

  vec3 color = vec3(0.0);
  int lightCount = int(frame.params.x + 0.5);
  for (int i = 0; i < lightCount; ++i) {
    vec3 l;
    vec3 radiance = frame.lightColor[i].rgb;
    if (frame.lightPos[i].w == 0.0) {
      l = -normalize(frame.lightPos[i].xyz);
    } else {
      vec3 d = frame.lightPos[i].xyz - inWorldPos;
      float dist2 = max(dot(d, d), 1e-4);
      l = d * inversesqrt(dist2);
      float range = frame.lightColor[i].a;
      float window = 1.0;
      if (range > 0.0) {
        float r = dist2 / (range * range);
        window = clamp(1.0 - r * r, 0.0, 1.0);
        window *= window;
      }
      radiance *= window / dist2;
    }
    float NdotL = dot(n, l);
    if (NdotL <= 0.0) continue;
    vec3 h = normalize(l + v);
    float NdotH = max(dot(n, h), 0.0);
    float VdotH = max(dot(v, h), 0.0);
    vec3 f = fresnelSchlick(f0, VdotH);
    vec3 spec = f * distributionGGX(NdotH, a) * visibilitySmith(NdotL, NdotV, a);
    vec3 diff = (1.0 - f) * diffuseColor / PI;
    color += (diff + spec) * radiance * NdotL;
  }

  // Ambient: the hemisphere seen by the normal (diffuse) and, blurred towards the normal as
  // roughness grows, by the reflection vector (specular).
  vec3 r = reflect(-v, n);
  vec3 specDir = normalize(mix(r, n, roughness * roughness));
  vec2 ab = envBrdf(NdotV, roughness);
  vec3 ambient = diffuseColor * hemisphere(n) + hemisphere(specDir) * (f0 * ab.x + ab.y);
  color += ambient * ao;

  color += material.emissiveFactor.rgb * texture(emissiveTex, inUvC).rgb;

  outColor = vec4(acesFilm(color * frame.params.y), alpha);
}
