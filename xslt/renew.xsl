<?xml version="1.0" encoding="UTF-8"?>
<!-- 续费: choose a period at today's price; submitting creates a renew
     order to pay like any other. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('renew.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="i" select="instance"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/services'"/>
      <xsl:with-param name="text1" select="m:t('services.title')"/>
      <xsl:with-param name="href2" select="concat('/services/', $i/@no)"/>
      <xsl:with-param name="text2" select="$i/@no"/>
      <xsl:with-param name="here" select="m:t('renew.title')"/>
    </xsl:call-template>
    <h1><xsl:value-of select="m:t('renew.title')"/></h1>
    <section class="checkout">
      <dl class="kv">
        <dt><xsl:value-of select="m:t('instance.no')"/></dt>
        <dd><a href="/services/{$i/@no}"><xsl:value-of select="$i/@no"/></a></dd>
        <dt><xsl:value-of select="m:t('order.product')"/></dt>
        <dd><xsl:value-of select="$i/product"/></dd>
        <dt><xsl:value-of select="m:t('order.spec')"/></dt>
        <dd><xsl:value-of select="$i/spec"/></dd>
        <dt><xsl:value-of select="m:t('order.vendor')"/></dt>
        <dd><xsl:value-of select="$i/vendor"/></dd>
        <dt><xsl:value-of select="m:t('instance.status')"/></dt>
        <dd>
          <xsl:call-template name="status">
            <xsl:with-param name="prefix" select="'instance.status.'"/>
            <xsl:with-param name="value" select="$i/@status"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:value-of select="m:t('renew.current_expiry')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$i/@expires"/></xsl:call-template></dd>
      </dl>

      <xsl:choose>
        <xsl:when test="$i/renew/price">
          <form action="/services/{$i/@no}/renew" method="post">
            <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
            <input type="hidden" name="idem" value="{$i/renew/@idem}"/>
            <fieldset>
              <legend><xsl:value-of select="m:t('renew.choose_period')"/></legend>
              <xsl:for-each select="$i/renew/price">
                <label class="choice">
                  <input type="radio" name="period" value="{@months}" required="required">
                    <xsl:if test="position() = 1"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                  <span>
                    <xsl:call-template name="period"><xsl:with-param name="months" select="@months"/></xsl:call-template>
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="money"><xsl:with-param name="v" select="."/></xsl:call-template>
                  </span>
                </label>
              </xsl:for-each>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'period'"/></xsl:call-template>
            </fieldset>
            <ul class="notes">
              <li><xsl:value-of select="m:t('renew.note_expiry')"/></li>
              <li><xsl:value-of select="m:t('renew.note_pay', string(/page/instance/renew/@pay-minutes))"/></li>
            </ul>
            <div class="actions">
              <button type="submit" class="primary"><xsl:value-of select="m:t('renew.submit')"/></button>
              <a href="/services/{$i/@no}"><xsl:value-of select="m:t('renew.back')"/></a>
            </div>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="flash flash-info"><xsl:value-of select="m:t('renew.unavailable')"/></p>
          <p class="actions"><a class="button" href="/services/{$i/@no}"><xsl:value-of select="m:t('renew.back')"/></a></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
